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

    /// <summary><c>none</c>.</summary>
    public sealed record None : PrunerChoice
    {
        /// <inheritdoc />
        public override string Name => "none";

        /// <inheritdoc />
        public override IPruner Create(StudyDirection direction, int maxEpochs) => new NopPruner();
    }

    /// <summary><c>median(startup:, warmup:)</c>.</summary>
    public sealed record Median(int Startup = 5, int Warmup = 1) : PrunerChoice
    {
        /// <inheritdoc />
        public override string Name => "median";

        /// <inheritdoc />
        public override IPruner Create(StudyDirection direction, int maxEpochs) => new MedianPruner(direction, Startup, Warmup);
    }

    /// <summary><c>asha(min_epochs:, reduction:)</c>.</summary>
    public sealed record Asha(int MinEpochs = 1, int Reduction = 3) : PrunerChoice
    {
        /// <inheritdoc />
        public override string Name => "asha";

        /// <inheritdoc />
        public override IPruner Create(StudyDirection direction, int maxEpochs) => new SuccessiveHalvingPruner(direction, MinEpochs, Reduction);
    }

    /// <summary><c>hyperband(min_epochs:, reduction:)</c>.</summary>
    public sealed record Hyperband(int MinEpochs = 1, int Reduction = 3) : PrunerChoice
    {
        /// <inheritdoc />
        public override string Name => "hyperband";

        /// <inheritdoc />
        public override IPruner Create(StudyDirection direction, int maxEpochs) => new HyperbandPruner(direction, Math.Max(maxEpochs, MinEpochs), MinEpochs, Reduction);
    }
}
