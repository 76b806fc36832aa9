using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Search.Nsga2;

/// <summary>
/// NSGA-II (Deb et al. 2002), as Optuna's <c>NSGAIISampler</c>: a genetic algorithm for one or
/// several objectives. Trials are grouped into generations by number: trials [0, P) are the
/// first, drawn at random, and trial n belongs to generation n / P. A child of generation g picks
/// two parents by binary tournament among the best P trials numbered below g·P (see
/// <see cref="ParentPopulation"/>), mixes them with the crossover probability (else copies the
/// first), and redraws each parameter at random with the mutation probability.
/// <para>
/// Nothing is remembered between trials (beyond a memo of each generation's parents, checked against
/// the history): the generation comes from the trial number, the parents
/// from the history and the randomness from the seed mixed with the number, so the same seed and
/// history give the same child in any process, and a resumed study continues as an uninterrupted
/// one would. A parameter that either parent lacks (it was inactive there) or holds outside the
/// range now asked is drawn at random, so conditional parameters take fresh values when a child
/// activates them.
/// </para>
/// </summary>
public sealed class Nsga2Sampler : ISampler
{
    private readonly long _seed;
    private readonly IReadOnlyList<StudyDirection> _directions;
    private readonly Nsga2Options _options;

    // A memo, not state: the parents of a generation, with the (number, state) of every ended trial
    // they were chosen from, so trials of one generation sort the history once. A key that differs
    // (a trial has ended since) recomputes, so the answer is always what the history alone gives.
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (long[] Key, ParentPopulation? Parents)> _memo = [];

    /// <summary>Creates an NSGA-II sampler.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="directions">Each objective's direction (one or several).</param>
    /// <param name="options">The knobs; Optuna's defaults when null.</param>
    public Nsga2Sampler(long seed, IReadOnlyList<StudyDirection> directions, Nsga2Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentOutOfRangeException.ThrowIfZero(directions.Count);
        _seed = seed;
        _directions = directions;
        _options = options ?? new Nsga2Options();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Population, 2);
        Probability(_options.CrossoverProbability);
        Probability(_options.SwapProbability);
        if (_options.MutationProbability is { } mutation)
        {
            Probability(mutation);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(_options.SbxEta);
    }

    /// <summary>The generation trial <paramref name="number"/> belongs to (0 is the random one).</summary>
    public long GenerationOf(int number) => number / _options.Population;

    /// <inheritdoc />
    public ITrialSuggestions StartTrial(IReadOnlyList<TrialRecord> history, int number)
    {
        ArgumentNullException.ThrowIfNull(history);
        var random = new Random(SeedMixer.Mix(_seed, number, stream: 6));
        var generation = GenerationOf(number);
        var parents = generation == 0 ? null : Parents(history, generation);
        if (parents is null)
        {
            return new RandomSampler.Draws(random);
        }

        var first = parents.Tournament(random);
        var second = random.NextDouble() < _options.CrossoverProbability ? parents.Tournament(random) : null;
        var mutation = _options.MutationProbability ?? (1.0 / Math.Max(1, first.Parameters.Count));
        return new Child(random, _options, first, second, mutation);
    }

    private ParentPopulation? Parents(IReadOnlyList<TrialRecord> history, long generation)
    {
        var before = generation * _options.Population;
        var key = history.Where(t => t.Number < before && t.State is TrialState.Complete or TrialState.Pruned or TrialState.Failed)
            .Select(t => ((long)t.Number << 3) | (long)t.State).Order().ToArray();
        lock (_gate)
        {
            if (_memo.TryGetValue(generation, out var memo) && memo.Key.AsSpan().SequenceEqual(key))
            {
                return memo.Parents;
            }
        }

        var parents = ParentPopulation.Select(history, before, _directions, _options.Population);
        lock (_gate)
        {
            // Constraint retries ask for far-off trial numbers; a few generations are all that recur.
            if (_memo.Count >= 8)
            {
                _memo.Clear();
            }

            _memo[generation] = (key, parents);
        }

        return parents;
    }

    private static void Probability(double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
    }

    // One child, decided a parameter at a time as the generated Sample asks, so only active
    // parameters are inherited. Each call draws its mutation coin first, whatever follows.
    private sealed class Child(Random random, Nsga2Options options, TrialRecord first, TrialRecord? second, double mutation) : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
            Numeric(name, NumericDomain.ForFloat(low, high, log, step)) ?? RandomSampler.Float(random, low, high, log, step);

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) =>
            Numeric(name, NumericDomain.ForInt(low, high, log, step)) is { } value ? (long)value : RandomSampler.Int(random, low, high, log, step);

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
        {
            var mutated = random.NextDouble() < mutation;
            var a = Index(first, name, choices);
            var b = second is null ? a : Index(second, name, choices);
            if (mutated || a < 0 || b < 0)
            {
                return choices[random.Next(choices.Count)];
            }

            return choices[random.NextDouble() < options.SwapProbability ? b : a];
        }

        // The inherited value, on the parameter's grid, or null for a fresh random draw.
        private double? Numeric(string name, NumericDomain domain)
        {
            var mutated = random.NextDouble() < mutation;
            if (mutated || !TryValue(first, name, domain, out var a))
            {
                return null;
            }

            if (second is null)
            {
                return a;
            }

            if (!TryValue(second, name, domain, out var b))
            {
                return null;
            }

            return options.Crossover == Nsga2Crossover.SimulatedBinary
                ? domain.FromModel(SimulatedBinaryCrossover.Child(random, domain.ToModel(a), domain.ToModel(b), domain.ModelLow, domain.ModelHigh, options.SbxEta))
                : random.NextDouble() < options.SwapProbability ? b : a;
        }

        private static bool TryValue(TrialRecord parent, string name, NumericDomain domain, out double value)
        {
            value = double.NaN;
            if (!parent.Parameters.TryGetValue(name, out var stored) || !StoredValue.TryNumber(stored, out var number) || !domain.Contains(number))
            {
                return false;
            }

            // Onto the grid for stepped and integer ranges; a continuous value is kept exactly (exp(log x) may be an ulp off x).
            value = domain.Step > 0 || domain.IsInteger ? domain.FromModel(domain.ToModel(number)) : number;
            return true;
        }

        private static int Index<T>(TrialRecord parent, string name, IReadOnlyList<T> choices) =>
            parent.Parameters.TryGetValue(name, out var stored) ? StoredValue.IndexOf(choices, stored) : -1;
    }
}
