using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Search.CmaEs;

/// <summary>
/// CMA-ES (covariance matrix adaptation evolution strategy) over the numeric parameters that every
/// trial has (float and int ranges with no condition), each normalised to [0, 1] (in log space
/// for log scales, each step or integer owning an equal bin). Categorical and conditional
/// parameters are drawn independently at random, as Optuna's <c>CmaEsSampler</c> does with its
/// independent sampler.
/// <para>
/// The sampler keeps no state between trials: the distribution is rebuilt from the history each
/// time, so a resumed study (or another worker) continues exactly where the first one was. The
/// finished trials, in trial order, form generations of λ; each full generation updates the
/// distribution once. Trials rank by value, then pruned ones (further trained first, then by their
/// last report), then failed ones; CMA-ES uses only the better half, so a failed trial simply is
/// not selected. Running trials wait for their generation to fill. A trial's candidate is drawn
/// with a seed mixed from the study seed, the generation and the trial number.
/// </para>
/// </summary>
public sealed class CmaEsSampler : ISampler
{
    private readonly long _seed;
    private readonly StudyDirection _direction;
    private readonly CmaEsOptions _options;
    private readonly IReadOnlyList<Dimension> _dimensions;
    private readonly Dictionary<string, int> _indices;

    /// <summary>Creates a CMA-ES sampler.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="directions">The objective's direction; CMA-ES optimizes one objective.</param>
    /// <param name="options">The knobs; the usual defaults when null.</param>
    /// <param name="space">The search space (a generated <c>SearchSpace</c>): its unconditional numeric parameters are modelled.</param>
    public CmaEsSampler(long seed, IReadOnlyList<StudyDirection> directions, CmaEsOptions? options, IReadOnlyList<ParameterSpace> space)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(space);
        if (directions.Count != 1)
        {
            throw new ArgumentException($"CMA-ES optimizes one objective, but the study has {directions.Count}.", nameof(directions));
        }

        _seed = seed;
        _direction = directions[0];
        _options = options ?? new CmaEsOptions();
        if (_options.Sigma is { } sigma && !(sigma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), sigma, "The step size must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Population ?? 2, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Restarts);
        _dimensions = [.. space.Where(p => p.Condition is null).Select(Dimension.Of).OfType<Dimension>().Where(d => d.Domain.ModelHigh > d.Domain.ModelLow).DistinctBy(d => d.Name, StringComparer.Ordinal)];
        _indices = _dimensions.Select((d, i) => (d.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The parameters the distribution models, in the order of the space.</summary>
    public IReadOnlyList<string> Modelled => [.. _dimensions.Select(d => d.Name)];

    /// <inheritdoc />
    public ITrialSuggestions StartTrial(IReadOnlyList<TrialRecord> history, int number)
    {
        ArgumentNullException.ThrowIfNull(history);
        var independent = new Random(SeedMixer.Mix(_seed, number, stream: 9));
        if (_dimensions.Count == 0)
        {
            return new RandomSampler.Draws(independent);
        }

        var state = Replay(history);
        var generation = SeedMixer.Mix(_seed, (state.Restart * 1_000_003L) + state.Generation, stream: 7);
        var candidate = state.Sample(new Random(SeedMixer.Mix(generation, number, stream: 8)));
        return new Suggestions(this, candidate, independent);
    }

    /// <summary>The distribution the history leads to: warm start, then each full generation told, restarting where allowed.</summary>
    internal CmaEsState Replay(IReadOnlyList<TrialRecord> history)
    {
        var usable = history.Where(t => t.State is TrialState.Complete or TrialState.Pruned or TrialState.Failed)
            .Select(t => (Trial: t, X: Normalised(t)))
            .Where(o => o.X is not null)
            .OrderBy(o => o.Trial.Number)
            .ToList();
        var sources = _options.WarmStart ? usable.Where(o => o.Trial.WarmStarted && Finite(o.Trial)).ToList() : [];
        var state = Initial(0, _options.PopulationFor(_dimensions.Count), sources.Select(s => (s.X!, s.Trial.Value!.Value)).ToList());
        var generation = new List<(TrialRecord Trial, double[] X)>();
        foreach (var (trial, x) in usable.Where(o => !o.Trial.WarmStarted))
        {
            generation.Add((trial, x!));
            if (generation.Count < state.Lambda)
            {
                continue;
            }

            state.Tell([.. Rank(generation).Select(o => (o.X, Finite(o.Trial) ? o.Trial.Value : null))]);
            generation.Clear();
            if (state.Stopped && state.Restart < _options.Restarts)
            {
                state = Initial(state.Restart + 1, state.Lambda * 2, []);
            }
        }

        return state;
    }

    // The first distribution of restart r: with warm-start trials, the mean and covariance of their
    // best tenth plus a little isotropic spread (WS-CMA-ES, Nomura et al. 2021: γ = α = 0.1);
    // otherwise centred (a first run) or at a random point (IPOP's later runs) with the initial step.
    private CmaEsState Initial(int restart, int lambda, List<(double[] X, double Value)> sources)
    {
        var n = _dimensions.Count;
        var sigma = _options.Sigma ?? CmaEsOptions.DefaultSigma;
        var identity = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            identity[i, i] = 1;
        }

        if (sources.Count > 0)
        {
            var sign = _direction == StudyDirection.Minimize ? 1.0 : -1.0;
            var best = sources.OrderBy(s => sign * s.Value).Take(Math.Max(1, sources.Count / 10)).Select(s => s.X).ToList();
            var mean = new double[n];
            for (var i = 0; i < n; i++)
            {
                mean[i] = best.Average(x => x[i]);
            }

            var covariance = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    covariance[i, j] = best.Average(x => (x[i] - mean[i]) * (x[j] - mean[j])) + (i == j ? 0.01 : 0);
                }
            }

            // σ² is the covariance's geometric mean eigenvalue, so C keeps determinant 1.
            var (values, _) = SymmetricEigen.Decompose(covariance);
            var warmSigma = Math.Exp(values.Average(v => Math.Log(Math.Max(v, 1e-30))) / 2);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    covariance[i, j] /= warmSigma * warmSigma;
                }
            }

            return new CmaEsState(mean, warmSigma, covariance, lambda, restart);
        }

        var random = new Random(SeedMixer.Mix(_seed, restart, stream: 10));
        var start = restart == 0 ? Enumerable.Repeat(0.5, n).ToArray() : [.. Enumerable.Range(0, n).Select(_ => random.NextDouble())];
        return new CmaEsState(start, sigma, identity, lambda, restart);
    }

    private static bool Finite(TrialRecord trial) => trial.State == TrialState.Complete && trial.Value is { } v && double.IsFinite(v);

    // Best first: complete trials by value, then pruned ones (further trained first, then by their
    // last report), then failed ones and complete ones without a usable value; ties in trial order.
    private List<(TrialRecord Trial, double[] X)> Rank(List<(TrialRecord Trial, double[] X)> generation)
    {
        var sign = _direction == StudyDirection.Minimize ? 1.0 : -1.0;
        return [.. generation
            .OrderBy(o => Finite(o.Trial) ? 0 : o.Trial is { State: TrialState.Pruned, LastStep: not null } ? 1 : 2)
            .ThenBy(o => Finite(o.Trial) ? sign * o.Trial.Value!.Value : -(o.Trial.LastStep ?? 0))
            .ThenBy(o => o.Trial is { State: TrialState.Pruned, LastStep: { } step } && o.Trial.Intermediate[step] is var v && !double.IsNaN(v) ? sign * v : double.PositiveInfinity)
            .ThenBy(o => o.Trial.Number)];
    }

    // The trial's point in [0, 1]ⁿ, or null when it lacks a modelled parameter or has one outside its range.
    private double[]? Normalised(TrialRecord trial)
    {
        var x = new double[_dimensions.Count];
        for (var i = 0; i < x.Length; i++)
        {
            var domain = _dimensions[i].Domain;
            if (!trial.Parameters.TryGetValue(_dimensions[i].Name, out var stored) || !StoredValue.TryNumber(stored, out var value) || !domain.Contains(value))
            {
                return null;
            }

            x[i] = (domain.ToModel(value) - domain.ModelLow) / (domain.ModelHigh - domain.ModelLow);
        }

        return x;
    }

    private sealed record Dimension(string Name, NumericDomain Domain)
    {
        public static Dimension? Of(ParameterSpace parameter) => parameter switch
        {
            FloatSpace f => new(f.Name, NumericDomain.ForFloat(f.Low, f.High, f.Log, f.Step)),
            IntSpace i => new(i.Name, NumericDomain.ForInt(i.Low, i.High, i.Log, i.Step)),
            _ => null,
        };
    }

    // The candidate's coordinates for the modelled parameters (mapped onto the range the trial asks
    // with, on its grid); every other parameter drawn at random.
    private sealed class Suggestions(CmaEsSampler sampler, double[] candidate, Random independent) : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
            sampler._indices.TryGetValue(name, out var i)
                ? Map(NumericDomain.ForFloat(low, high, log, step), candidate[i])
                : RandomSampler.Float(independent, low, high, log, step);

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) =>
            sampler._indices.TryGetValue(name, out var i)
                ? (long)Map(NumericDomain.ForInt(low, high, log, step), candidate[i])
                : RandomSampler.Int(independent, low, high, log, step);

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) => choices[independent.Next(choices.Count)];

        private static double Map(NumericDomain domain, double u) => domain.FromModel(domain.ModelLow + (u * (domain.ModelHigh - domain.ModelLow)));
    }
}
