namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra et al. 2011): trials are ranked, the best γ(n)
/// form the good set and the rest the bad set, and the candidate drawn from the good model with
/// the highest l(x)/g(x) is suggested. A parameter is modelled only from the trials that were
/// asked for it, so conditional parameters are handled by construction. Running trials count as
/// the worst (a constant liar), so trials started side by side do not crowd the same point.
/// <para>
/// Univariate (the library default) is Optuna 3.1's <c>TPESampler</c>: one model per parameter.
/// Multivariate (the spec's default) models the parameters under one condition jointly, with
/// the components Watanabe (2023) found best: a 15% good set, good trials weighted by how far
/// they beat the bad set, neighbour-gap bandwidths per dimension (see <see cref="JointParzenEstimator"/>).
/// </para>
/// </summary>
public sealed class TpeSampler : ISampler
{
    private readonly long _seed;
    private readonly StudyDirection _direction;
    private readonly IReadOnlyList<StudyDirection> _directions;
    private readonly TpeOptions _options;

    private readonly IReadOnlyList<IReadOnlyList<ParameterSpace>> _groups;

    /// <summary>Creates a TPE sampler.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="direction">Whether the objective is better smaller or larger.</param>
    /// <param name="options">The knobs; Optuna's defaults when null.</param>
    /// <param name="space">The search space (a generated <c>SearchSpace</c>); needed for multivariate modelling.</param>
    public TpeSampler(long seed, StudyDirection direction, TpeOptions? options = null, IReadOnlyList<ParameterSpace>? space = null)
        : this(seed, [direction], options, space)
    {
    }

    /// <summary>
    /// Creates a TPE sampler for one or several objectives. With several (MOTPE), the good set is
    /// taken front by front in the order of non-domination, the front that straddles the split
    /// by crowding distance, so the good set spreads along the Pareto front.
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <param name="directions">Each objective's direction.</param>
    /// <param name="options">The knobs; Optuna's defaults when null.</param>
    /// <param name="space">The search space (a generated <c>SearchSpace</c>); needed for multivariate modelling.</param>
    public TpeSampler(long seed, IReadOnlyList<StudyDirection> directions, TpeOptions? options = null, IReadOnlyList<ParameterSpace>? space = null)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentOutOfRangeException.ThrowIfZero(directions.Count);
        _seed = seed;
        _directions = directions;
        _direction = directions[0];
        _options = options ?? new TpeOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.StartupTrials);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Candidates, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.PriorWeight);

        // Parameters under the same condition are asked together in every trial that has them,
        // so each such group can be modelled jointly (Optuna's group decomposition, read off the spec).
        _groups = _options.Multivariate && space is not null
            ? [.. space.GroupBy(p => p.Condition ?? string.Empty, StringComparer.Ordinal).Select(g => (IReadOnlyList<ParameterSpace>)[.. g]).Where(g => g.Count > 1)]
            : [];
    }

    /// <inheritdoc />
    public ITrialSuggestions StartTrial(IReadOnlyList<TrialRecord> history, int number)
    {
        ArgumentNullException.ThrowIfNull(history);
        var random = new Random(SeedMixer.Mix(_seed, number, stream: 2));
        var finished = history.Count(t => t.State == TrialState.Complete && t.Value is not null);
        if (finished < _options.StartupTrials || finished == 0)
        {
            return new RandomSampler.Draws(random);
        }

        var ranked = Rank(history);
        var count = _options.GoodCount(ranked.Count);
        var improvement = _groups.Count > 0 ? Improvement(ranked, count) : null;

        // Back in trial order within each set: the kernel weights fade with age.
        var good = ranked.GetRange(0, count);
        var bad = ranked.GetRange(count, ranked.Count - count);
        good.Sort(ByNumber);
        bad.Sort(ByNumber);
        var joint = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in _groups)
        {
            JointSampling.Sample(group, good, bad, improvement, _options, random, joint);
        }

        return new Suggestions(random, _options, good, bad, joint);
    }

    // With one objective, the good model weighs each good trial by how far it beats the bad set's
    // best, the first bad trial in rank order when it is complete (else no bad trial has a value).
    // With several objectives there is no single margin, and the trials count alike.
    private ImprovementWeights? Improvement(List<TrialRecord> ranked, int good) =>
        _directions.Count == 1 && good < ranked.Count && ranked[good] is { State: TrialState.Complete, Value: { } threshold }
            ? new ImprovementWeights(threshold, _direction == StudyDirection.Minimize ? 1.0 : -1.0)
            : null;

    private static readonly Comparison<TrialRecord> ByNumber = (a, b) => a.Number.CompareTo(b.Number);

    // Finished trials by value, then pruned ones (further trained first, then by their last
    // report), then running ones as the worst of all. Failed trials say nothing about the space.
    private List<TrialRecord> Rank(IReadOnlyList<TrialRecord> history)
    {
        var sign = _direction == StudyDirection.Minimize ? 1.0 : -1.0;
        IEnumerable<TrialRecord> complete = _directions.Count > 1
            ? ParetoRanking.Order([.. history.Where(t => t.State == TrialState.Complete && t.Values is { } v && v.Count == _directions.Count && !v.Any(double.IsNaN))], _directions)
            : history.Where(t => t.State == TrialState.Complete && t.Value is { } v && !double.IsNaN(v)).OrderBy(t => sign * t.Value!.Value);
        var pruned = history.Where(t => t.State == TrialState.Pruned && t.LastStep is not null)
            .OrderByDescending(t => t.LastStep)
            .ThenBy(t => double.IsNaN(t.Intermediate[t.LastStep!.Value]) ? double.PositiveInfinity : sign * t.Intermediate[t.LastStep!.Value]);
        var running = history.Where(t => t.State == TrialState.Running);
        return [.. complete, .. pruned, .. running];
    }

    // Values the joint models chose (model space, or a choice index) are handed out as asked.
    private sealed class Suggestions(Random random, TpeOptions options, List<TrialRecord> good, List<TrialRecord> bad, Dictionary<string, double> joint) : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
        {
            var domain = NumericDomain.ForFloat(low, high, log, step);
            return domain.FromModel(joint.TryGetValue(name, out var x) ? x : Numeric(name, domain));
        }

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1)
        {
            var domain = NumericDomain.ForInt(low, high, log, step);
            return (long)domain.FromModel(joint.TryGetValue(name, out var x) ? x : Numeric(name, domain));
        }

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
        {
            if (joint.TryGetValue(name, out var index) && index >= 0 && index < choices.Count)
            {
                return choices[(int)index];
            }

            var goodIndices = Indices(good, name, choices);
            var badIndices = Indices(bad, name, choices);
            var l = new CategoricalParzenEstimator(goodIndices, ObservationWeights.Decay(goodIndices.Count), choices.Count, options.PriorWeight);
            var g = new CategoricalParzenEstimator(badIndices, ObservationWeights.Decay(badIndices.Count), choices.Count, options.PriorWeight);
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var i = 0; i < options.Candidates; i++)
            {
                var candidate = l.Sample(random);
                var score = l.LogPdf(candidate) - g.LogPdf(candidate);
                if (best < 0 || score > bestScore)
                {
                    (best, bestScore) = (candidate, score);
                }
            }

            return choices[best];
        }

        private double Numeric(string name, NumericDomain domain)
        {
            var goodValues = Observed(good, name, domain);
            var badValues = Observed(bad, name, domain);
            var l = new NumericalParzenEstimator(goodValues, ObservationWeights.Decay(goodValues.Count), domain.ModelLow, domain.ModelHigh, options.PriorWeight);
            var g = new NumericalParzenEstimator(badValues, ObservationWeights.Decay(badValues.Count), domain.ModelLow, domain.ModelHigh, options.PriorWeight);
            // Score the points that would really be tried, on their grid.
            Span<double> candidates = stackalloc double[options.Candidates];
            for (var i = 0; i < candidates.Length; i++)
            {
                candidates[i] = domain.ToModel(domain.FromModel(l.Sample(random)));
            }

            Span<double> logL = stackalloc double[candidates.Length];
            Span<double> logG = stackalloc double[candidates.Length];
            l.LogPdf(candidates, logL);
            g.LogPdf(candidates, logG);
            var best = 0;
            for (var i = 1; i < candidates.Length; i++)
            {
                if (logL[i] - logG[i] > logL[best] - logG[best])
                {
                    best = i;
                }
            }

            return candidates[best];
        }

        private static List<double> Observed(List<TrialRecord> trials, string name, NumericDomain domain)
        {
            var values = new List<double>(trials.Count);
            foreach (var trial in trials)
            {
                if (!trial.Parameters.TryGetValue(name, out var stored))
                {
                    continue;
                }

                if (StoredValue.TryNumber(stored, out var value) && domain.Contains(value))
                {
                    values.Add(domain.ToModel(value));
                }
            }

            return values;
        }

        private static List<int> Indices<T>(List<TrialRecord> trials, string name, IReadOnlyList<T> choices)
        {
            var indices = new List<int>();
            foreach (var trial in trials)
            {
                if (trial.Parameters.TryGetValue(name, out var value))
                {
                    var index = StoredValue.IndexOf(choices, value);
                    if (index >= 0)
                    {
                        indices.Add(index);
                    }
                }
            }

            return indices;
        }
    }
}
