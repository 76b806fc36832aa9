using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog;

/// <summary>What a distribution's values are: a choice among listed values, or a numeric range.</summary>
public enum DistributionDomainKind
{
    /// <summary>One of the listed values; their types decide the parameter's type.</summary>
    Choice,

    /// <summary>An integer range, <c>low</c> to <c>high</c> inclusive.</summary>
    IntRange,

    /// <summary>A float range, <c>low</c> to <c>high</c>.</summary>
    FloatRange,
}

/// <summary>
/// What a distribution means, in one place for the binder (the parameter's type and domain):
/// the kind of domain it samples from, and whether that domain is always on a log scale
/// (<c>loguniform</c>) rather than only when a spec asks for one (<c>int(..., log)</c>).
/// </summary>
/// <param name="Domain">The kind of values drawn.</param>
/// <param name="AlwaysLog">Whether the range is sampled on a log scale whatever the arguments.</param>
public sealed record DistributionMeaning(DistributionDomainKind Domain, bool AlwaysLog = false)
{
    /// <summary>The parameter's type for a range distribution; a choice's type comes from its values.</summary>
    public HypType RangeType => Domain == DistributionDomainKind.IntRange ? IntType.Instance : FloatType.Instance;
}
