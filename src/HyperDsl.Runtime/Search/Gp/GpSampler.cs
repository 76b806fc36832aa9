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
/// A choice that opens branches (<c>family</c>, where <c>when family == a</c> guards a branch) is
/// not left to the main model, which sees a branch only through the average of its trials: each
/// choice is scored by the best expected improvement its branch's model can still offer (see
/// <see cref="ChooseBranches"/>), so a decoy branch with a good average does not keep the trials
/// from the branch that holds the optimum. Spaces without <c>when</c> are not affected.
/// </para>
/// <para>
/// The first <see cref="GpOptions.StartupTrials"/> complete trials are random. The model learns
/// from complete trials only. Trials still running (another worker's), pruned or failed ones are
/// added to the posterior, not to the fit, as if they had the worst value seen (a pessimistic
/// constant liar), so parallel workers do not ask the same point and a point that failed is not
/// asked again. The sampler keeps no state: each trial refits from the history, with a seed mixed
/// from the study seed and the trial number, so a resumed study asks what an uninterrupted one would.
/// </para>
/// <para>
/// Several objectives: two get a process each over the same inputs and log expected hypervolume
/// improvement; more get a random augmented Chebyshev scalarisation per trial (<see cref="ObjectiveTargets"/>).
/// </para>
/// <para>
/// A <c>require</c> constraint the parameters alone decide (given as a predicate) is kept in the
/// acquisition search: a candidate or a refinement step that breaks it scores −∞, so the
/// sampler proposes only points that meet it, rather than learning the constraint from failed points.
/// </para>
/// </summary>
public sealed class GpSampler : ISampler
{
    // Streams of SeedMixer.Mix: draws of unmodelled parameters, the main model's search, the
    // searches that choose among branches, and (from BranchStream on, one per branch) each branch model's search.
    private const int IndependentStream = 11;
    private const int MainStream = 12;
    private const int ChoiceStream = 13;
    private const int TargetsStream = 14;
    private const int BranchStream = 100;

    private readonly long _seed;
    private readonly IReadOnlyList<StudyDirection> _directions;
    private readonly Func<IReadOnlyDictionary<string, object>, bool?>? _feasible;
    private readonly Dictionary<string, object> _constant;
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
    /// <param name="directions">The objectives' directions, one or more.</param>
    /// <param name="options">The knobs; the defaults when null.</param>
    /// <param name="space">The search space (a generated <c>SearchSpace</c>): its parameters without a condition make the main model, each condition's parameters a branch model.</param>
    /// <param name="feasible">
    /// Whether parameter values (some of the space's) can meet the spec's <c>require</c> constraints on
    /// parameters (null: cannot be told). Candidates it refuses are not proposed; none are refused when it is null.
    /// </param>
    public GpSampler(long seed, IReadOnlyList<StudyDirection> directions, GpOptions? options, IReadOnlyList<ParameterSpace> space, Func<IReadOnlyDictionary<string, object>, bool?>? feasible = null)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(space);
        if (directions.Count == 0)
        {
            throw new ArgumentException("The Gaussian-process sampler needs at least one objective.", nameof(directions));
        }

        _seed = seed;
        _directions = directions;
        _feasible = feasible;
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

        // A parameter with one value has nothing to model, but a constraint may read it.
        _constant = space.Where(p => p.Condition is null && !_all.ContainsKey(p.Name) && GpDimension.Of(p) is { Varies: false })
            .DistinctBy(p => p.Name)
            .ToDictionary(p => p.Name, p => p switch { FloatSpace f => f.Low, IntSpace i => (object)i.Low, CategoricalSpace c => c.Choices[0], _ => 0.0 }, StringComparer.Ordinal);
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
        var targets = Targets(history, number);
        var (main, candidate) = ProposeMain(history, number, targets, new Random(SeedMixer.Mix(_seed, number, stream: MainStream)));
        var proposals = new Dictionary<int, double[]?>();
        if (main is not null && candidate is not null)
        {
            candidate = ChooseBranches(history, number, targets, main, candidate, proposals, new Random(SeedMixer.Mix(_seed, number, stream: ChoiceStream)));
        }

        return new Suggestions(this, history, number, targets, candidate, proposals, independent);
    }

    /// <summary>The modelled coordinates the next trial gets, or null while it is still a startup trial (or nothing is modelled, or no candidate meets the constraints).</summary>
    internal double[]? Propose(IReadOnlyList<TrialRecord> history, int number, Random random) => ProposeMain(history, number, Targets(history, number), random).Candidate;

    /// <summary>
    /// The coordinates of <paramref name="branch"/>'s parameters for trial <paramref name="number"/>, given the
    /// coordinates the trial already has (<paramref name="context"/>), or null while the branch is still random.
    /// </summary>
    internal double[]? ProposeBranch(IReadOnlyList<TrialRecord> history, int number, int branch, IReadOnlyList<(GpDimension Dimension, double Coordinate)> context, Random random) =>
        ProposeBranch(history, number, Targets(history, number), branch, context, random);

    private double[]? ProposeBranch(IReadOnlyList<TrialRecord> history, int number, ObjectiveTargets targets, int branch, IReadOnlyList<(GpDimension Dimension, double Coordinate)> context, Random random)
    {
        var own = _branches[branch];
        IReadOnlyList<GpDimension> dimensions = [.. context.Select(c => c.Dimension), .. own];
        if (own.Count == 0 || Fit(history, number, targets, dimensions, BranchStartup(branch)) is not { } model)
        {
            return null;
        }

        double[] at = [.. context.Select(c => c.Coordinate), .. new double[own.Count]];
        var (point, score) = model.Maximize(at, [.. Enumerable.Range(context.Count, own.Count)], null, random, _options, Feasibility(dimensions));
        return double.IsNegativeInfinity(score) ? null : point[context.Count..];
    }

    // The targets of one ask: for more than two objectives, the scalarisation's weights are this trial's.
    private ObjectiveTargets Targets(IReadOnlyList<TrialRecord> history, int number) =>
        ObjectiveTargets.For(_directions, history, new Random(SeedMixer.Mix(_seed, number, stream: TargetsStream)));

    // Whether a point over the dimensions meets the constraints, as far as its values tell; null when there is no predicate.
    private Func<double[], bool>? Feasibility(IReadOnlyList<GpDimension> dimensions)
    {
        if (_feasible is not { } feasible)
        {
            return null;
        }

        return point =>
        {
            var values = new Dictionary<string, object>(_constant, StringComparer.Ordinal);
            for (var k = 0; k < dimensions.Count; k++)
            {
                var dimension = dimensions[k];
                values[dimension.Name] = dimension.Numeric is { } domain
                    ? domain.IsInteger ? (object)(long)Math.Round(GpDimension.ValueAt(domain, point[k])) : GpDimension.ValueAt(domain, point[k])
                    : _choices[dimension.Name][(int)point[k]];
            }

            return feasible(values) ?? true;
        };
    }

    /// <summary>
    /// The candidate with each choice that opens branches (as <c>when family == a</c> makes
    /// <c>family</c>'s) chosen again by what each choice can still reach, rather than by the main
    /// model, which sees a branch only through the average of its trials: a decoy branch with a good
    /// average and a poor floor would win there over a branch with a poor average that holds the
    /// optimum. Each choice is scored by the log expected improvement over the best value so far that
    /// its branch's model (over the main parameters and the branch's own) offers at its best point,
    /// the shared numeric coordinates searched with the branch's; a choice without a branch is scored
    /// by the main model the same way, so all scores are in the objective's units and compare. A
    /// branch still short of its startup trials (counting those running) is entered first, as a
    /// bandit plays every arm before it trusts its estimates. The winning branch's point is kept in
    /// <paramref name="proposals"/>, so its parameters are not searched again.
    /// </summary>
    internal double[] ChooseBranches(IReadOnlyList<TrialRecord> history, int number, ObjectiveTargets targets, IGpModel main, double[] candidate, Dictionary<int, double[]?> proposals, Random random)
    {
        if (_branches.Count == 0)
        {
            return candidate;
        }

        var others = history.Where(t => t.Number != number).OrderBy(t => t.Number).ToList();
        var complete = others.Where(t => targets.Of(t) is not null).ToList();
        var choices = BranchingChoice.Find(_dimensions, [.. complete.Select(t => (MainCoordinates(t), Entered(t)))], _branches.Count);
        if (choices.Count == 0)
        {
            return candidate;
        }

        var entered = new int[_branches.Count];
        foreach (var trial in complete.Concat(others.Where(t => t.State == TrialState.Running)))
        {
            foreach (var b in Entered(trial))
            {
                entered[b]++;
            }
        }

        // Every complete trial's targets: the best value, or the front, that each choice's score improves on.
        var goal = complete.Select(t => targets.Of(t)!).ToList();
        var n = _dimensions.Count;
        int[] numeric = [.. Enumerable.Range(0, n).Where(k => !_dimensions[k].IsCategorical)];
        var models = new Dictionary<int, IGpModel?>();
        foreach (var choice in choices)
        {
            var k = choice.Dimension;
            var choiceCount = choice.BranchesOf.Count;
            var unexplored = Enumerable.Range(0, choiceCount).Where(c => choice.BranchesOf[c].Any(b => entered[b] < BranchStartup(b))).ToList();
            if (unexplored.Count > 0)
            {
                candidate = (double[])candidate.Clone();
                candidate[k] = unexplored.MinBy(c => choice.BranchesOf[c].Min(b => entered[b]));
                continue;
            }

            (double Score, double[] Point, int Branch, double[]? Own) best = (double.NegativeInfinity, candidate, -1, null);
            for (var c = 0; c < choiceCount; c++)
            {
                var at = (double[])candidate.Clone();
                at[k] = c;
                if (choice.BranchesOf[c].Count == 0)
                {
                    var (point, score) = main.Maximize(at, numeric, goal, random, _options, Feasibility(_dimensions));
                    best = score > best.Score ? (score, point, -1, null) : best;
                    continue;
                }

                foreach (var b in choice.BranchesOf[c])
                {
                    var own = _branches[b];
                    if (!models.TryGetValue(b, out var model))
                    {
                        model = Fit(history, number, targets, [.. _dimensions, .. own], BranchStartup(b));
                        models[b] = model;
                    }

                    if (model is not null)
                    {
                        var (point, score) = model.Maximize([.. at, .. new double[own.Count]], [.. numeric, .. Enumerable.Range(n, own.Count)], goal, random, _options, Feasibility([.. _dimensions, .. own]));
                        best = score > best.Score ? (score, point[..n], b, point[n..]) : best;
                    }
                }
            }

            // An earlier choice's branch point was made for shared coordinates that may have moved: its branch searches again when asked.
            proposals.Clear();
            if (best.Branch >= 0)
            {
                proposals[best.Branch] = best.Own;
            }

            candidate = best.Point;
        }

        return candidate;
    }

    // The main model and its candidate, or nulls while the trial is still a startup trial (or
    // nothing is modelled, or no candidate meets the constraints: the trial is then drawn at random).
    private (IGpModel? Model, double[]? Candidate) ProposeMain(IReadOnlyList<TrialRecord> history, int number, ObjectiveTargets targets, Random random)
    {
        var n = _dimensions.Count;
        if (n == 0 || Fit(history, number, targets, _dimensions, _options.StartupTrials) is not { } model)
        {
            return (null, null);
        }

        var (point, score) = model.Maximize(new double[n], [.. Enumerable.Range(0, n)], null, random, _options, Feasibility(_dimensions));
        return double.IsNegativeInfinity(score) ? (null, null) : (model, point);
    }

    // A model over the dimensions, fitted to the trials that have them all (their targets), or
    // null while fewer than startup of them are complete.
    private IGpModel? Fit(IReadOnlyList<TrialRecord> history, int number, ObjectiveTargets targets, IReadOnlyList<GpDimension> dimensions, int startup)
    {
        var complete = new List<(double[] X, double[] Y)>();
        var liars = new List<double[]>();
        foreach (var trial in history.Where(t => t.Number != number).OrderBy(t => t.Number))
        {
            if (Coordinates(trial, dimensions) is not { } point)
            {
                continue;
            }

            if (targets.Of(trial) is { } values)
            {
                complete.Add((point, values));
            }
            else if (trial.State is TrialState.Running or TrialState.Pruned or TrialState.Failed)
            {
                liars.Add(point);
            }
        }

        return targets.Count == 2
            ? ParetoGpModel.Fit(dimensions, complete, liars, startup, _options.DeterministicObjective)
            : GpModel.Fit(dimensions, [.. complete.Select(c => (c.X, c.Y[0]))], liars, startup, _options.DeterministicObjective);
    }

    // The trial's coordinate on each main dimension, null where it lacks one.
    private double?[] MainCoordinates(TrialRecord trial) =>
        [.. _dimensions.Select(d => trial.Parameters.TryGetValue(d.Name, out var stored) ? d.CoordinateOf(stored, _choices.GetValueOrDefault(d.Name)) : null)];

    // The branches the trial entered: those it has a parameter of.
    private HashSet<int> Entered(TrialRecord trial) =>
        [.. Enumerable.Range(0, _branches.Count).Where(b => _branches[b].Any(d => trial.Parameters.ContainsKey(d.Name)))];

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
    // when the branch won the choice among branches or else when its first parameter is asked;
    // every other parameter drawn at random. What the trial
    // takes is remembered as coordinates, the context of later branches.
    private sealed class Suggestions(GpSampler sampler, IReadOnlyList<TrialRecord> history, int number, ObjectiveTargets targets, double[]? candidate, Dictionary<int, double[]?> branchProposals, Random independent) : ITrialSuggestions
    {
        private readonly List<(GpDimension Dimension, double Coordinate)> _taken = [];
        private readonly Dictionary<int, double[]?> _branchProposals = branchProposals;

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
                proposal = sampler.ProposeBranch(history, number, targets, branch, Context(branch), random);
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
