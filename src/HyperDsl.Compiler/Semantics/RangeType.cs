namespace HyperDsl.Compiler.Semantics;

/// <summary>An integer range, <c>0 ..&lt; depth</c>, which loops iterate over.</summary>
public sealed record RangeType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly RangeType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "range";
}
