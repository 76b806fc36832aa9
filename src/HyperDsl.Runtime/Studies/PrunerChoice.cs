using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies;

/// <summary>The spec's <c>pruner</c>, as data, turned into an <see cref="IPruner"/> when a study starts.</summary>
public abstract record PrunerChoice
{
    private PrunerChoice()
    {
    }

    /// <summary>The name the spec uses.</summary>
    public abstract string Name { get; }

    /// <summary>Creates the pruner for trials of at most <paramref name="maxEpochs"/> epochs.</summary>
    public abstract IPruner Create(StudyDirection direction, int maxEpochs);

    /// <summary>
    /// The epochs (steps) up to <paramref name="maxEpochs"/> where it compares trials, for plots of
    /// learning curves: the rungs of successive halving and Hyperband (every bracket's rungs are
    /// among them), the median pruner's first judged epoch (after its warmup); none for <c>none</c>.
    /// </summary>
    public abstract IReadOnlyList<long> Rungs(int maxEpochs);

    /// <summary>
    /// The promotion schedule when this pruner pauses trials at rungs and promotes the best (<c>asha(promote: true)</c>,
    /// <c>hyperband(promote: true)</c>) instead of stopping the worst; null for a pruner that only stops trials.
    /// </summary>
    public virtual IPromotionSchedule? Promotion(StudyDirection direction, int maxEpochs) => null;

    /// <summary><c>none</c>.</summary>
    public sealed record None : PrunerChoice
    {
        /// <inheritdoc />
        public override string Name => "none";

        /// <inheritdoc />
        public override IPruner Create(StudyDirection direction, int maxEpochs) => new NopPruner();

        /// <inheritdoc />
        public override IReadOnlyList<long> Rungs(int maxEpochs) => [];
    }

    /// <summary><c>median(startup:, warmup:)</c>.</summary>
    public sealed record Median(int Startup = 5, int Warmup = 1) : PrunerChoice
    {
        /// <inheritdoc />
        public override string Name => "median";

        /// <inheritdoc />
        public override IPruner Create(StudyDirection direction, int maxEpochs) => new MedianPruner(direction, Startup, Warmup);

        /// <inheritdoc />
        public override IReadOnlyList<long> Rungs(int maxEpochs) => Warmup <= maxEpochs ? [Math.Max(1, Warmup)] : [];
    }

    /// <summary><c>asha(min_epochs:, reduction:, promote:)</c>: stopping ASHA, or with <paramref name="Promote"/> the promotion variant (trials pause at rungs).</summary>
    public sealed record Asha(int MinEpochs = 1, int Reduction = 3, bool Promote = false) : PrunerChoice
    {
        /// <inheritdoc />
        public override string Name => "asha";

        /// <inheritdoc />
        /// <remarks>Promoting, no trial is stopped while it runs: it pauses at its next rung (<see cref="Promotion"/>).</remarks>
        public override IPruner Create(StudyDirection direction, int maxEpochs) =>
            Promote ? new NopPruner() : new SuccessiveHalvingPruner(direction, MinEpochs, Reduction);

        /// <inheritdoc />
        public override IPromotionSchedule? Promotion(StudyDirection direction, int maxEpochs) =>
            Promote ? new PromotingAsha(direction, MinEpochs, Reduction, maxEpochs) : null;

        /// <inheritdoc />
        public override IReadOnlyList<long> Rungs(int maxEpochs) => Geometric(MinEpochs, Reduction, maxEpochs);
    }

    /// <summary>
    /// <c>hyperband(min_epochs:, reduction:, promote:)</c>: stopping Hyperband, or with <paramref name="Promote"/> its promotion variant
    /// (each bracket a promotion-based ASHA: trials pause at their bracket's rungs).
    /// </summary>
    public sealed record Hyperband(int MinEpochs = 1, int Reduction = 3, bool Promote = false) : PrunerChoice
    {
        /// <inheritdoc />
        public override string Name => "hyperband";

        /// <inheritdoc />
        /// <remarks>Promoting, no trial is stopped while it runs: it pauses at its bracket's next rung (<see cref="Promotion"/>).</remarks>
        public override IPruner Create(StudyDirection direction, int maxEpochs) =>
            Promote ? new NopPruner() : new HyperbandPruner(direction, Math.Max(maxEpochs, MinEpochs), MinEpochs, Reduction);

        /// <inheritdoc />
        public override IPromotionSchedule? Promotion(StudyDirection direction, int maxEpochs) =>
            Promote ? new PromotingHyperband(direction, MinEpochs, Reduction, maxEpochs) : null;

        /// <inheritdoc />
        public override IReadOnlyList<long> Rungs(int maxEpochs) => Geometric(MinEpochs, Reduction, maxEpochs);
    }

    /// <summary>min · reduction^k for k = 0, 1, ... up to <paramref name="maxEpochs"/> (successive halving's rung steps).</summary>
    private static List<long> Geometric(int min, int reduction, int maxEpochs)
    {
        var rungs = new List<long>();
        for (long step = Math.Max(1, min); step <= maxEpochs; step *= Math.Max(2, reduction))
        {
            rungs.Add(step);
        }

        return rungs;
    }
}
