namespace HyperDsl.Compiler.Semantics;

/// <summary>A name with a fixed meaning for one argument or setting, such as <c>same</c> or <c>imagenet</c>.</summary>
public sealed record KeywordType(string Keyword) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => $"'{Keyword}'";
}
