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
        [Construct.ConvGroups] = "issue 13: the emitter drops conv's 'groups' (ModelBuilder.Conv has no such parameter), so an ungrouped convolution trains while the checker counts grouped parameters",
        [Construct.EvenKernelSame] = "issue 13: an even kernel with 'padding: same' checks clean but the runtime builds no asymmetric padding",
        [Construct.SearchedResize] = "issue 13: a searched image size ('resize img', img ~ choice(...)) checks clean and generation refuses it (HYP5001)",
        [Construct.Backbone] = "cost: a ResNet has millions of parameters; the nightly bench command includes backbones (--backbones)",
        [Construct.BackboneInBranch] = "issue 13: a backbone inside match/if checks clean and generation refuses it (HYP5001), or the checker ignores its 'replace'",
        [Construct.LayerAfterBackbone] = "issue 13: layers after a backbone (a custom head) check clean and generation refuses them (HYP5001)",
        [Construct.FreezeThenReplace] = "issue 13: 'freeze all' then 'replace fc with linear(k)' leaves the new head frozen (0 trainable parameters)",
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
