namespace HyperDsl.Compiler.Semantics;

/// <summary>A value the checker does not compute, such as an optimizer object.</summary>
public sealed record OpaqueValue(string Description) : Value
{
    /// <inheritdoc />
    public override string Display => Description;
}
