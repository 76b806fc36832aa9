namespace HyperDsl.Differential;

/// <summary>
/// The one place that keeps constructs out of the default differential run, each with the reason:
/// a disagreement between the checker and what trains that is known and being fixed (issue 13),
/// or a construct too heavy for every CI run. Remove an entry once its fix is merged; the run
/// then generates the construct again and proves the fix.
/// </summary>
public static class KnownDisagreements
{
    /// <summary>What the default run leaves out, and why.</summary>
    public static IReadOnlyDictionary<Construct, string> Excluded { get; } = new Dictionary<Construct, string>
    {
        [Construct.Backbone] = "cost: a ResNet has millions of parameters; the nightly bench command includes backbones (--backbones)",
    };

    /// <summary>The entries left out for their cost alone, not for a disagreement.</summary>
    public static IReadOnlySet<Construct> ExcludedForCost { get; } = new HashSet<Construct> { Construct.Backbone };

    /// <summary>Whether a disagreement in <paramref name="spec"/> is explained by a known one (the spec uses a construct excluded for a disagreement).</summary>
    public static bool Explain(GeneratedSpec spec) =>
        spec?.Constructs.Any(c => Excluded.ContainsKey(c) && !ExcludedForCost.Contains(c)) ?? throw new ArgumentNullException(nameof(spec));

    /// <summary>Every construct the generator knows, for a run that includes the known disagreements.</summary>
    public static IReadOnlySet<Construct> All { get; } = new HashSet<Construct>(Enum.GetValues<Construct>());

    /// <summary>The constructs the default (CI) run generates.</summary>
    public static IReadOnlySet<Construct> Allowed { get; } = new HashSet<Construct>(Enum.GetValues<Construct>().Where(c => !Excluded.ContainsKey(c)));
}
