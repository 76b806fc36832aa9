using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// Bayesian optimisation with a Gaussian process, as Optuna's <c>GPSampler</c>: a Matérn-5/2
/// kernel with one length scale per parameter over the parameters every trial has (numeric ones
/// normalised to [0, 1], log where the range is, ints and steps on their grid; categorical ones
/// compared for equality), its hyperparameters fitted by marginal likelihood, and the next point
/// where log expected improvement is highest.
/// <para>
/// Parameters with a <c>when</c> condition get a model of their own per condition (per branch),
/// which Optuna's sampler does not have: it draws them at random. A branch's model is fitted
/// only on the trials where that branch was active, over the branch's parameters and everything
/// the trial has already fixed when the branch's first parameter is asked (the parameters
/// without a condition, and earlier branches'), so the branch is tuned for the point the trial
/// is in; one branch's parameters never distort the model of the others. A branch is drawn at
/// random until it has <see cref="BranchStartup"/> complete trials.
/// </para>
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
    // Streams of SeedMixer.Mix: draws of unmodelled parameters, the main model's search, and
    // (from BranchStream on, one per branch) each branch model's search.
    private const int IndependentStream = 11;
    private const int MainStream = 12;
    private const int BranchStream = 100;

    private readonly long _seed;
    private readonly StudyDirection _direction;
    private readonly GpOptions _options;
    private readonly IReadOnlyList<GpDimension> _dimensions;
    private readonly Dictionary<string, int> _indices;
    private readonly Dictionary<string, IReadOnlyList<object>> _choices;

    // Every parameter that can be modelled, by name (main and branch ones), and each branch's own.
    private readonly Dictionary<string, GpDimension> _all;
    private readonly Dictionary<string, int> _branchOf;
    private readonly List<List<GpDimension>> _branches;

    /// <summary>Creates a Gaussian-process sampler.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="directions">The objective's direction; the Gaussian process optimizes one objective.</param>
    /// <param name="options">The knobs; the defaults when null.</param>
    /// <param name="space">The search space (a generated <c>SearchSpace</c>): its parameters without a condition make the main model, each condition's parameters a branch model.</param>
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

        // A name declared in several branches (the same parameter under different conditions)
        // is a different parameter in each, so it is left to random draws rather than merged.
        var distinct = space.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Select(p => p.Condition).Distinct().Count() == 1).Select(g => g.First()).ToList();
        _choices = distinct.OfType<CategoricalSpace>().ToDictionary(c => c.Name, c => c.Choices, StringComparer.Ordinal);
        _all = distinct.Select(p => (p.Condition, Dimension: GpDimension.Of(p))).Where(p => p.Dimension is { Varies: true })
            .ToDictionary(p => p.Dimension!.Name, p => p.Dimension!, StringComparer.Ordinal);
        _dimensions = [.. distinct.Where(p => p.Condition is null && _all.ContainsKey(p.Name)).Select(p => _all[p.Name])];
        _indices = _dimensions.Select((d, i) => (d.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var branches = distinct.Where(p => p.Condition is not null && _all.ContainsKey(p.Name))
            .GroupBy(p => p.Condition!, StringComparer.Ordinal)
            .Select(g => g.Select(p => _all[p.Name]).ToList())
            .ToList();
        _branches = branches;
        _branchOf = branches.SelectMany((b, i) => b.Select(d => (d.Name, i))).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The parameters the main Gaussian process models (those without a condition), in the order of the space.</summary>
    public IReadOnlyList<string> Modelled => [.. _dimensions.Select(d => d.Name)];

    /// <summary>The parameters of each branch model (one per <c>when</c> condition), in the order of the space.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Branches => [.. _branches.Select(b => (IReadOnlyList<string>)[.. b.Select(d => d.Name)])];

    /// <summary>Complete trials a branch needs before its model takes over: as many as it has parameters plus two, at least three, at most the startup trials.</summary>
    public int BranchStartup(int branch) => Math.Clamp(_branches[branch].Count + 2, Math.Min(3, _options.StartupTrials), _options.StartupTrials);

    /// <inheritdoc />
    public ITrialSuggestions StartTrial(IReadOnlyList<TrialRecord> history, int number)
    {
        ArgumentNullException.ThrowIfNull(history);
        var independent = new Random(SeedMixer.Mix(_seed, number, stream: IndependentStream));
        var candidate = Propose(history, number, new Random(SeedMixer.Mix(_seed, number, stream: MainStream)));
        return new Suggestions(this, history, number, candidate, independent);
    }

    /// <summary>The modelled coordinates the next trial gets, or null while it is still a startup trial (or nothing is modelled).</summary>
    internal double[]? Propose(IReadOnlyList<TrialRecord> history, int number, Random random) =>
        Maximize(history, number, [], [], _dimensions, _options.StartupTrials, random);

    /// <summary>
    /// The coordinates of <paramref name="branch"/>'s parameters for trial <paramref name="number"/>, given the
    /// coordinates the trial already has (<paramref name="context"/>), or null while the branch is still random.
    /// </summary>
    internal double[]? ProposeBranch(IReadOnlyList<TrialRecord> history, int number, int branch, IReadOnlyList<(GpDimension Dimension, double Coordinate)> context, Random random) =>
        Maximize(history, number, [.. context.Select(c => c.Dimension)], [.. context.Select(c => c.Coordinate)], _branches[branch], BranchStartup(branch), random);

    // Fits a model over the fixed dimensions (at the given coordinates) and the free ones, from the
    // trials that have them all, and returns the free coordinates where log expected improvement is highest.
    private double[]? Maximize(IReadOnlyList<TrialRecord> history, int number, IReadOnlyList<GpDimension> fixedDimensions, double[] fixedAt, IReadOnlyList<GpDimension> free, int startup, Random random)
    {
        if (free.Count == 0)
        {
            return null;
        }

        IReadOnlyList<GpDimension> dimensions = [.. fixedDimensions, .. free];
        var sign = _direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var complete = new List<(double[] X, double Y)>();
        var liars = new List<double[]>();
        foreach (var trial in history.Where(t => t.Number != number).OrderBy(t => t.Number))
        {
            if (Coordinates(trial, dimensions) is not { } point)
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

        if (complete.Count < startup)
        {
            return null;
        }

        // Standardised values: the kernel's priors assume unit scale.
        var mean = complete.Average(c => c.Y);
        var spread = Math.Sqrt(complete.Average(c => (c.Y - mean) * (c.Y - mean)));
        var scale = spread > 1e-12 ? spread : 1;
        var y = complete.Select(c => (c.Y - mean) / scale).ToArray();
        var x = complete.Select(c => c.X).ToArray();
        bool[] categorical = [.. dimensions.Select(d => d.IsCategorical)];
        var parameters = KernelFit.Fit(x, y, categorical, _options.DeterministicObjective);
        var worst = y.Max();
        var process = GaussianProcess.Condition([.. x, .. liars], [.. y, .. liars.Select(_ => worst)], categorical, parameters);
        var best = y.Min();
        var observedBest = Enumerable.Range(0, y.Length).OrderBy(i => y[i]).Take(2).Select(i => x[i][fixedAt.Length..]).ToList();
        return AcquisitionSearch.Maximize(
            point => process.Predict([.. fixedAt, .. point]) is var (mu, variance) ? LogExpectedImprovement.Of(mu, variance, best) : double.NaN,
            free, observedBest, random, _options.Candidates, _options.LocalSearchStarts);
    }

    // The trial's coordinates on the dimensions, or null when it lacks one or holds a value outside its range.
    private double[]? Coordinates(TrialRecord trial, IReadOnlyList<GpDimension> dimensions)
    {
        var x = new double[dimensions.Count];
        for (var k = 0; k < x.Length; k++)
        {
            var dimension = dimensions[k];
            if (!trial.Parameters.TryGetValue(dimension.Name, out var stored)
                || dimension.CoordinateOf(stored, _choices.GetValueOrDefault(dimension.Name)) is not { } coordinate)
            {
                return null;
            }

            x[k] = coordinate;
        }

        return x;
    }

    // The main candidate's values for the parameters without a condition (mapped onto the range
    // the trial asks with, on its grid); a branch's parameters from that branch's proposal, made
    // when its first parameter is asked; every other parameter drawn at random. What the trial
    // takes is remembered as coordinates, the context of later branches.
    private sealed class Suggestions(GpSampler sampler, IReadOnlyList<TrialRecord> history, int number, double[]? candidate, Random independent) : ITrialSuggestions
    {
        private readonly List<(GpDimension Dimension, double Coordinate)> _taken = [];
        private readonly Dictionary<int, double[]?> _branchProposals = [];

        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
        {
            var domain = NumericDomain.ForFloat(low, high, log, step);
            var value = Proposed(name, categorical: false) is { } u ? GpDimension.ValueAt(domain, u) : RandomSampler.Float(independent, low, high, log, step);
            Take(name, value);
            return value;
        }

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1)
        {
            var domain = NumericDomain.ForInt(low, high, log, step);
            var value = Proposed(name, categorical: false) is { } u ? (long)GpDimension.ValueAt(domain, u) : RandomSampler.Int(independent, low, high, log, step);
            Take(name, value);
            return value;
        }

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
        {
            var modelled = sampler._all.TryGetValue(name, out var dimension) && dimension.ChoiceCount == choices.Count;
            var index = modelled && Proposed(name, categorical: true) is { } u ? (int)u : independent.Next(choices.Count);
            if (modelled)
            {
                _taken.Add((dimension!, index));
            }

            return choices[index];
        }

        // The modelled coordinate for the parameter, or null to draw it (also when the trial asks
        // for it as a number and the space has it as a choice, or the other way round).
        private double? Proposed(string name, bool categorical)
        {
            if (!sampler._all.TryGetValue(name, out var dimension) || dimension.IsCategorical != categorical)
            {
                return null;
            }

            if (sampler._indices.TryGetValue(name, out var k))
            {
                return candidate?[k];
            }

            var branch = sampler._branchOf[name];
            if (!_branchProposals.TryGetValue(branch, out var proposal))
            {
                var random = new Random(SeedMixer.Mix(sampler._seed, number, stream: BranchStream + branch));
                proposal = sampler.ProposeBranch(history, number, branch, Context(branch), random);
                _branchProposals[branch] = proposal;
            }

            return proposal?[sampler._branches[branch].IndexOf(dimension)];
        }

        // What the trial has fixed before the branch: the parameters it was given so far, and the
        // main candidate's parameters it has not asked for yet.
        private List<(GpDimension Dimension, double Coordinate)> Context(int branch)
        {
            var own = sampler._branches[branch];
            var context = _taken.Where(t => !own.Contains(t.Dimension)).DistinctBy(t => t.Dimension.Name).ToList();
            if (candidate is not null)
            {
                context.AddRange(sampler._dimensions.Select((d, k) => (d, candidate[k])).Where(c => context.All(t => t.Dimension.Name != c.d.Name)));
            }

            return context;
        }

        private void Take(string name, double value)
        {
            if (sampler._all.TryGetValue(name, out var dimension) && !dimension.IsCategorical && dimension.CoordinateOf(value, null) is { } coordinate)
            {
                _taken.Add((dimension, coordinate));
            }
        }
    }
}
