namespace HyperDsl.Compiler.Semantics;

/// <summary>A member of a generated enum: one of the bare names of a <c>choice</c>.</summary>
public sealed record EnumValue(string Member) : Value
{
    /// <inheritdoc />
    public override string Display => Member;
}
