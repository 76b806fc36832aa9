namespace HyperDsl.Compiler.Semantics;

/// <summary>Text.</summary>
public sealed record StringValue(string Value) : Value
{
    /// <inheritdoc />
    public override string Display => "\"" + Value + "\"";
}
