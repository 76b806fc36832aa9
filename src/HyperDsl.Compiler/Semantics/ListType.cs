namespace HyperDsl.Compiler.Semantics;

/// <summary>A list of values of one type.</summary>
public sealed record ListType(HypType Element) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => $"list of {Element.DisplayName}";

    /// <inheritdoc />
    public override bool Accepts(HypType source) =>
        base.Accepts(source) || (source is ListType list && (list.Element is ErrorType || Element.Accepts(list.Element)));
}
