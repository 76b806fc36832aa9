using System.Globalization;

namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra et al. 2011), univariate, as Optuna's
/// <c>TPESampler</c>: trials are ranked, the best γ(n) form the good set and the rest the bad
/// set, and for each parameter the candidate drawn from the good model with the highest
/// l(x)/g(x) is suggested. A parameter is modelled only from the trials that were asked for it,
/// so conditional parameters are handled by construction. Running trials count as the worst
/// (a constant liar), so trials started side by side do not crowd the same point.
/// </summary>
public sealed class TpeSampler : ISampler
{
    private readonly long _seed;
    private readonly StudyDirection _direction;
    private readonly TpeOptions _options;

    /// <summary>Creates a TPE sampler.</summary>
    public TpeSampler(long seed, StudyDirection direction, TpeOptions? options = null)
    {
        _seed = seed;
        _direction = direction;
        _options = options ?? new TpeOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.StartupTrials);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Candidates, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.PriorWeight);
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
        var count = TpeOptions.DefaultGamma(ranked.Count);

        // Back in trial order within each set: the kernel weights fade with age.
        var good = ranked.GetRange(0, count);
        var bad = ranked.GetRange(count, ranked.Count - count);
        good.Sort(ByNumber);
        bad.Sort(ByNumber);
        return new Suggestions(random, _options, good, bad);
    }

    private static readonly Comparison<TrialRecord> ByNumber = (a, b) => a.Number.CompareTo(b.Number);

    // Finished trials by value, then pruned ones (further trained first, then by their last
    // report), then running ones as the worst of all. Failed trials say nothing about the space.
    private List<TrialRecord> Rank(IReadOnlyList<TrialRecord> history)
    {
        var sign = _direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var complete = history.Where(t => t.State == TrialState.Complete && t.Value is { } v && !double.IsNaN(v)).OrderBy(t => sign * t.Value!.Value);
        var pruned = history.Where(t => t.State == TrialState.Pruned && t.LastStep is not null)
            .OrderByDescending(t => t.LastStep)
            .ThenBy(t => double.IsNaN(t.Intermediate[t.LastStep!.Value]) ? double.PositiveInfinity : sign * t.Intermediate[t.LastStep!.Value]);
        var running = history.Where(t => t.State == TrialState.Running);
        return [.. complete, .. pruned, .. running];
    }

    private sealed class Suggestions(Random random, TpeOptions options, List<TrialRecord> good, List<TrialRecord> bad) : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
        {
            var domain = new NumericDomain(low, high, log, step ?? 0);
            return domain.FromModel(Numeric(name, domain));
        }

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1)
        {
            var domain = new NumericDomain(low, high, log, log ? 1 : step, IsInteger: true);
            return (long)domain.FromModel(Numeric(name, domain));
        }

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
        {
            var goodIndices = Indices(good, name, choices);
            var badIndices = Indices(bad, name, choices);
            var l = new CategoricalParzenEstimator(goodIndices, TpeOptions.DefaultWeights(goodIndices.Count), choices.Count, options.PriorWeight);
            var g = new CategoricalParzenEstimator(badIndices, TpeOptions.DefaultWeights(badIndices.Count), choices.Count, options.PriorWeight);
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
            var l = new NumericalParzenEstimator(goodValues, TpeOptions.DefaultWeights(goodValues.Count), domain.ModelLow, domain.ModelHigh, options.PriorWeight);
            var g = new NumericalParzenEstimator(badValues, TpeOptions.DefaultWeights(badValues.Count), domain.ModelLow, domain.ModelHigh, options.PriorWeight);
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

                var value = stored switch
                {
                    double d => d,
                    long l => l,
                    IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
                    _ => double.NaN,
                };
                if (domain.Contains(value))
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
                    var index = IndexOf(choices, value);
                    if (index >= 0)
                    {
                        indices.Add(index);
                    }
                }
            }

            return indices;
        }

        // A stored value may come back as another type than it was suggested as (a long read
        // back as a double, a string as an enum name); compare by invariant text as a fallback.
        private static int IndexOf<T>(IReadOnlyList<T> choices, object value)
        {
            if (value is T typed)
            {
                for (var i = 0; i < choices.Count; i++)
                {
                    if (EqualityComparer<T>.Default.Equals(choices[i], typed))
                    {
                        return i;
                    }
                }
            }

            var text = Convert.ToString(value, CultureInfo.InvariantCulture);
            for (var i = 0; i < choices.Count; i++)
            {
                if (string.Equals(Convert.ToString(choices[i], CultureInfo.InvariantCulture), text, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
