namespace HyperDsl.Compiler.Semantics;

/// <summary>A name with a fixed meaning for an argument or setting, such as <c>same</c>.</summary>
public sealed record KeywordValue(string Keyword) : Value
{
    /// <inheritdoc />
    public override string Display => Keyword;
}
