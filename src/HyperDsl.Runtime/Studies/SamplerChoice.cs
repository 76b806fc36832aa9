using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.CmaEs;
using HyperDsl.Runtime.Search.Gp;
using HyperDsl.Runtime.Search.Nsga2;
using HyperDsl.Runtime.Search.Tpe;
using HyperDsl.Runtime.Studies.Population;

namespace HyperDsl.Runtime.Studies;

/// <summary>The spec's <c>sampler</c>, as data, turned into an <see cref="ISampler"/> when a study starts.</summary>
public abstract record SamplerChoice
{
    private SamplerChoice()
    {
    }

    /// <summary>The name the spec uses.</summary>
    public abstract string Name { get; }

    /// <summary>Creates the sampler.</summary>
    /// <param name="seed">The study's seed.</param>
    /// <param name="directions">The objectives' directions (TPE, NSGA-II and GP follow them all; the others none).</param>
    /// <param name="space">The search space.</param>
    /// <param name="sample">The generated <c>Sample</c>, for samplers that walk the space (grid).</param>
    /// <param name="accept">Whether a grid point meets the spec's constraints.</param>
    /// <param name="feasible">Whether some parameters' values can meet the spec's constraints on parameters (<see cref="PointConstraints.SatisfiesParameters"/>), for samplers that search candidates (gp).</param>
    public abstract ISampler Create(long seed, IReadOnlyList<StudyDirection> directions, IReadOnlyList<ParameterSpace> space, Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool> accept, Func<IReadOnlyDictionary<string, object>, bool?> feasible);

    /// <summary>
    /// The timetable of population-based training (<c>pbt</c>) for trials of <paramref name="epochs"/> epochs, which runs the study
    /// as a population instead of one trial after another; null for a sampler that only proposes points.
    /// </summary>
    public virtual PopulationSchedule? PopulationTimetable(StudyDirection direction, int epochs) => null;

    /// <summary><c>grid</c>: every point of a finite space once.</summary>
    public sealed record Grid : SamplerChoice
    {
        /// <inheritdoc />
        public override string Name => "grid";

        /// <inheritdoc />
        public override ISampler Create(long seed, IReadOnlyList<StudyDirection> directions, IReadOnlyList<ParameterSpace> space, Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool> accept, Func<IReadOnlyDictionary<string, object>, bool?> feasible) =>
            new GridSampler(sample, accept);
    }

    /// <summary><c>random</c>.</summary>
    public sealed record Random : SamplerChoice
    {
        /// <inheritdoc />
        public override string Name => "random";

        /// <inheritdoc />
        public override ISampler Create(long seed, IReadOnlyList<StudyDirection> directions, IReadOnlyList<ParameterSpace> space, Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool> accept, Func<IReadOnlyDictionary<string, object>, bool?> feasible) =>
            new RandomSampler(seed);
    }

    /// <summary><c>sobol</c>.</summary>
    public sealed record Sobol : SamplerChoice
    {
        /// <inheritdoc />
        public override string Name => "sobol";

        /// <inheritdoc />
        public override ISampler Create(long seed, IReadOnlyList<StudyDirection> directions, IReadOnlyList<ParameterSpace> space, Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool> accept, Func<IReadOnlyDictionary<string, object>, bool?> feasible)
        {
            ArgumentNullException.ThrowIfNull(space);
            return new SobolSampler(seed, [.. space.Select(p => p.Name)]);
        }
    }

    /// <summary><c>tpe(startup:, candidates:, multivariate:)</c>.</summary>
    public sealed record Tpe(int Startup = 10, int Candidates = 24, bool Multivariate = true) : SamplerChoice
    {
        /// <inheritdoc />
        public override string Name => "tpe";

        /// <inheritdoc />
        public override ISampler Create(long seed, IReadOnlyList<StudyDirection> directions, IReadOnlyList<ParameterSpace> space, Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool> accept, Func<IReadOnlyDictionary<string, object>, bool?> feasible) =>
            new TpeSampler(seed, directions, new TpeOptions(Startup, Candidates, Multivariate: Multivariate), space);
    }

    /// <summary><c>cmaes(sigma:, population:, restarts:, warm_start:)</c>: null means the usual CMA-ES default.</summary>
    public sealed record CmaEs(double? Sigma = null, int? Population = null, int Restarts = 0, bool WarmStart = true) : SamplerChoice
    {
        /// <inheritdoc />
        public override string Name => "cmaes";

        /// <inheritdoc />
        public override ISampler Create(long seed, IReadOnlyList<StudyDirection> directions, IReadOnlyList<ParameterSpace> space, Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool> accept, Func<IReadOnlyDictionary<string, object>, bool?> feasible) =>
            new CmaEsSampler(seed, directions, new CmaEsOptions(Sigma, Population, Restarts, WarmStart), space);
    }

    /// <summary><c>gp(startup:, deterministic_objective:)</c>: Bayesian optimisation with a Gaussian process.</summary>
    public sealed record Gp(int Startup = 10, bool DeterministicObjective = false) : SamplerChoice
    {
        /// <inheritdoc />
        public override string Name => "gp";

        /// <inheritdoc />
        public override ISampler Create(long seed, IReadOnlyList<StudyDirection> directions, IReadOnlyList<ParameterSpace> space, Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool> accept, Func<IReadOnlyDictionary<string, object>, bool?> feasible) =>
            new GpSampler(seed, directions, new GpOptions(Startup, DeterministicObjective), space, feasible);
    }

    /// <summary><c>nsga2(population:, crossover_prob:, mutation_prob:, swap_prob:)</c>; a null mutation probability is 1 / (a parent's parameter count).</summary>
    public sealed record Nsga2(int Population = 50, double CrossoverProb = 0.9, double? MutationProb = null, double SwapProb = 0.5) : SamplerChoice
    {
        /// <inheritdoc />
        public override string Name => "nsga2";

        /// <inheritdoc />
        public override ISampler Create(long seed, IReadOnlyList<StudyDirection> directions, IReadOnlyList<ParameterSpace> space, Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool> accept, Func<IReadOnlyDictionary<string, object>, bool?> feasible) =>
            new Nsga2Sampler(seed, directions, new Nsga2Options(Population, CrossoverProb, MutationProb, SwapProb));
    }

    /// <summary>
    /// <c>pbt(population:, interval:, fraction:, resample:)</c>: population-based training. The first population is drawn at random
    /// (this sampler); then the members train in intervals, and at each interval's end the worst fraction take over the best's
    /// training state and perturb its hyperparameters (<see cref="PopulationSchedule"/>, <see cref="PerturbingSuggestions"/>).
    /// </summary>
    public sealed record Pbt(int Population = 8, int Interval = 2, double Fraction = 0.25, double Resample = 0.25) : SamplerChoice
    {
        /// <inheritdoc />
        public override string Name => "pbt";

        /// <inheritdoc />
        public override ISampler Create(long seed, IReadOnlyList<StudyDirection> directions, IReadOnlyList<ParameterSpace> space, Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool> accept, Func<IReadOnlyDictionary<string, object>, bool?> feasible) =>
            new RandomSampler(seed);

        /// <inheritdoc />
        public override PopulationSchedule? PopulationTimetable(StudyDirection direction, int epochs) => new(Interval, Fraction, epochs, direction);
    }
}
