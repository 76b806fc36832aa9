namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// What the checker must know of a sampler or pruner beyond its signature: whether the sampler
/// walks every point of the space (so the space must be finite and needs no trial budget), and
/// which of a pruner's arguments is the epoch at which it first compares trials; whether the
/// sampler optimizes only one objective or models only numeric parameters (CMA-ES); which of a
/// sampler's arguments sizes the random first generation it must leave before it learns anything;
/// which counts the random startup trials a model-based sampler draws before it models; and how
/// many trials a sampler whose every trial costs more as the study grows (gp) handles well.
/// </summary>
/// <param name="EnumeratesSpace">A sampler that visits each point of a finite space once (grid).</param>
/// <param name="FirstRungParameter">The pruner parameter giving the first epoch it compares trials at, if it has one.</param>
/// <param name="OneObjective">A sampler that optimizes a single objective, so a study with several is refused.</param>
/// <param name="ModelsNumbersOnly">A sampler that models only the numeric parameters without a condition and draws the rest at random.</param>
/// <param name="GenerationParameter">The sampler parameter giving how many trials a generation holds, the first of them random (nsga2's population).</param>
/// <param name="StartupParameter">The sampler parameter giving how many complete trials it draws at random before its model proposes any (gp's and tpe's startup).</param>
/// <param name="TrialsItHandlesWell">Beyond this many trials each new one costs the sampler seconds (a Gaussian process refits over all earlier trials, cubic in their number); null when the cost stays small.</param>
/// <param name="ChangesParametersMidTrial">A sampler that changes a trial's parameters while it trains (pbt), so every sampled parameter must be one a trial can change between epochs (HYP4112).</param>
public sealed record StrategyMeaning(bool EnumeratesSpace = false, string? FirstRungParameter = null, bool OneObjective = false, bool ModelsNumbersOnly = false, string? GenerationParameter = null, string? StartupParameter = null, int? TrialsItHandlesWell = null, bool ChangesParametersMidTrial = false)
{
    /// <summary>
    /// For a sampler that is a choice among the others (<c>auto</c>): which one a study of that
    /// shape gets. The checker shows the pick and the generator constructs it; null for a sampler of its own.
    /// </summary>
    public Func<StudyShape, SamplerPick>? Picks { get; init; }

    /// <summary>A strategy the checker needs to know nothing more of.</summary>
    public static StrategyMeaning None { get; } = new();
}
