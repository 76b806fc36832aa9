namespace HyperDsl.Runtime.Studies;

/// <summary>The spec's <c>tune</c> section (and what it implies), as data.</summary>
public sealed record StudyPlan
{
    /// <summary>The objectives, in order; the first one drives samplers and pruners.</summary>
    public required IReadOnlyList<Objective> Objectives { get; init; }

    /// <summary>The search strategy (TPE when the spec names none).</summary>
    public SamplerChoice Sampler { get; init; } = new SamplerChoice.Tpe();

    /// <summary>The pruner (none when the spec names none).</summary>
    public PrunerChoice Pruner { get; init; } = new PrunerChoice.None();

    /// <summary>How many trials the study should have, or null to run until stopped (or the grid is done).</summary>
    public int? Trials { get; init; }

    /// <summary>Stop starting trials after this long, or null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Trials run at once on this machine.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>
    /// The CUDA devices the <c>train</c> section names, by index (empty when it names none): each
    /// parallel trial trains on the next one in turn, and all are checked present before any starts.
    /// </summary>
    public IReadOnlyList<int> CudaDevices { get; init; } = [];

    /// <summary>The sampler's seed.</summary>
    public long Seed { get; init; }

    /// <summary>The <c>train</c> section's seed when it sets one (every trial then trains with it), else null (each trial gets its own, from the study seed).</summary>
    public long? TrainingSeed { get; init; }

    /// <summary>Epochs per trial (the pruners' resource).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>The <c>try</c> points, in order: each parameter's value by name (double, long, bool, or the choice's name).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>> TryPoints { get; init; } = [];

    /// <summary>The spec's <c>storage</c>, relative to the spec's folder, or null for the default.</summary>
    public string? Storage { get; init; }
}
