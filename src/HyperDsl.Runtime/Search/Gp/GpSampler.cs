using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// Bayesian optimisation with a Gaussian process, as Optuna's <c>GPSampler</c>: a Matérn-5/2
/// kernel with one length scale per parameter over the parameters every trial has (numeric ones
/// normalised to [0, 1], log where the range is, ints and steps on their grid; categorical ones
/// compared for equality), its hyperparameters fitted by marginal likelihood, and the next point
/// where log expected improvement is highest. Parameters with a <c>when</c> condition are drawn
/// at random, as Optuna's independent sampler does, so a branch's parameters never distort the
/// model of the others.
/// <para>
/// The first <see cref="GpOptions.StartupTrials"/> complete trials are random. The model learns
/// from complete trials only. Trials still running (another worker's), pruned or failed ones are
/// added to the posterior, not to the fit, as if they had the worst value seen (a pessimistic
/// constant liar), so parallel workers do not ask the same point and a point that failed is not
/// asked again. The sampler keeps no state: each trial refits from the history, with a seed mixed
/// from the study seed and the trial number, so a resumed study asks what an uninterrupted one would.
/// </para>
/// </summary>
public sealed class GpSampler : ISampler
{
    private readonly long _seed;
    private readonly StudyDirection _direction;
    private readonly GpOptions _options;
    private readonly IReadOnlyList<GpDimension> _dimensions;
    private readonly bool[] _categorical;
    private readonly Dictionary<string, int> _indices;
    private readonly Dictionary<string, IReadOnlyList<object>> _choices;

    /// <summary>Creates a Gaussian-process sampler.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="directions">The objective's direction; the Gaussian process optimizes one objective.</param>
    /// <param name="options">The knobs; the defaults when null.</param>
    /// <param name="space">The search space (a generated <c>SearchSpace</c>): its parameters without a condition are modelled.</param>
    public GpSampler(long seed, IReadOnlyList<StudyDirection> directions, GpOptions? options, IReadOnlyList<ParameterSpace> space)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(space);
        if (directions.Count != 1)
        {
            throw new ArgumentException($"The Gaussian-process sampler optimizes one objective, but the study has {directions.Count}.", nameof(directions));
        }

        _seed = seed;
        _direction = directions[0];
        _options = options ?? new GpOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.StartupTrials, 1);
        var modelled = space.Where(p => p.Condition is null).DistinctBy(p => p.Name, StringComparer.Ordinal).ToList();
        _dimensions = [.. modelled.Select(GpDimension.Of).OfType<GpDimension>().Where(d => d.Varies)];
        _categorical = [.. _dimensions.Select(d => d.IsCategorical)];
        _indices = _dimensions.Select((d, i) => (d.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _choices = modelled.OfType<CategoricalSpace>().ToDictionary(c => c.Name, c => c.Choices, StringComparer.Ordinal);
    }

    /// <summary>The parameters the Gaussian process models, in the order of the space.</summary>
    public IReadOnlyList<string> Modelled => [.. _dimensions.Select(d => d.Name)];

    /// <inheritdoc />
    public ITrialSuggestions StartTrial(IReadOnlyList<TrialRecord> history, int number)
    {
        ArgumentNullException.ThrowIfNull(history);
        var independent = new Random(SeedMixer.Mix(_seed, number, stream: 11));
        return Propose(history, number, new Random(SeedMixer.Mix(_seed, number, stream: 12))) is { } candidate
            ? new Suggestions(this, candidate, independent)
            : new RandomSampler.Draws(independent);
    }

    /// <summary>The modelled coordinates the next trial gets, or null while it is still a startup trial (or nothing is modelled).</summary>
    internal double[]? Propose(IReadOnlyList<TrialRecord> history, int number, Random random)
    {
        var sign = _direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var complete = new List<(double[] X, double Y)>();
        var liars = new List<double[]>();
        foreach (var trial in history.Where(t => t.Number != number).OrderBy(t => t.Number))
        {
            if (Coordinates(trial) is not { } point)
            {
                continue;
            }

            if (trial.State == TrialState.Complete && trial.Value is { } value && double.IsFinite(value))
            {
                complete.Add((point, sign * value));
            }
            else if (trial.State is TrialState.Running or TrialState.Pruned or TrialState.Failed)
            {
                liars.Add(point);
            }
        }

        if (_dimensions.Count == 0 || complete.Count < _options.StartupTrials)
        {
            return null;
        }

        // Standardised values: the kernel's priors assume unit scale.
        var mean = complete.Average(c => c.Y);
        var spread = Math.Sqrt(complete.Average(c => (c.Y - mean) * (c.Y - mean)));
        var scale = spread > 1e-12 ? spread : 1;
        var y = complete.Select(c => (c.Y - mean) / scale).ToArray();
        var x = complete.Select(c => c.X).ToArray();
        var parameters = KernelFit.Fit(x, y, _categorical, _options.DeterministicObjective);
        var worst = y.Max();
        var process = GaussianProcess.Condition([.. x, .. liars], [.. y, .. liars.Select(_ => worst)], _categorical, parameters);
        var best = y.Min();
        var observedBest = Enumerable.Range(0, y.Length).OrderBy(i => y[i]).Take(2).Select(i => x[i]).ToList();
        return AcquisitionSearch.Maximize(
            point => process.Predict(point) is var (mu, variance) ? LogExpectedImprovement.Of(mu, variance, best) : double.NaN,
            _dimensions, observedBest, random, _options.Candidates, _options.LocalSearchStarts);
    }

    // The trial's modelled coordinates, or null when it lacks one or holds a value outside its range.
    private double[]? Coordinates(TrialRecord trial)
    {
        var x = new double[_dimensions.Count];
        for (var k = 0; k < x.Length; k++)
        {
            var dimension = _dimensions[k];
            if (!trial.Parameters.TryGetValue(dimension.Name, out var stored)
                || dimension.CoordinateOf(stored, _choices.GetValueOrDefault(dimension.Name)) is not { } coordinate)
            {
                return null;
            }

            x[k] = coordinate;
        }

        return x;
    }

    // The candidate's values for the modelled parameters (mapped onto the range the trial asks
    // with, on its grid); every other parameter drawn at random.
    private sealed class Suggestions(GpSampler sampler, double[] candidate, Random independent) : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
            sampler._indices.TryGetValue(name, out var k) && !sampler._categorical[k]
                ? GpDimension.ValueAt(NumericDomain.ForFloat(low, high, log, step), candidate[k])
                : RandomSampler.Float(independent, low, high, log, step);

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) =>
            sampler._indices.TryGetValue(name, out var k) && !sampler._categorical[k]
                ? (long)GpDimension.ValueAt(NumericDomain.ForInt(low, high, log, step), candidate[k])
                : RandomSampler.Int(independent, low, high, log, step);

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) =>
            sampler._indices.TryGetValue(name, out var k) && sampler._dimensions[k].ChoiceCount == choices.Count
                ? choices[(int)candidate[k]]
                : choices[independent.Next(choices.Count)];
    }
}
