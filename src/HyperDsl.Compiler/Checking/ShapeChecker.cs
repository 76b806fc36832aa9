using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Proves the model's shapes for every point of the space that the architecture depends on (read
/// off the lowered experiment, the one the generator prints):
/// each point is walked (<see cref="ShapeWalker"/>), and a failure is reported once per layer
/// with a real counterexample. Also gives the exact parameter count and FLOPs of each point
/// for constraints, objectives and the summary.
/// </summary>
internal sealed class ShapeChecker
{
    private readonly List<Diagnostic> _diagnostics;
    private readonly SpaceEnumerator _space;
    private readonly ShapeWalker _walker;
    private readonly CheckBudget _budget;
    private readonly Dictionary<string, ModelStatistics?> _cache = new(StringComparer.Ordinal);

    // 'lowered' is the experiment as LowerForChecks lowers it, when the caller shares it with other checks; lowered here when null.
    public ShapeChecker(EffectiveExperiment experiment, SemanticModel model, List<Diagnostic> diagnostics, CheckBudget? budget = null, long? countedClasses = null, Action<SourceSpan, TensorShape, TensorShape>? layerObserver = null, LoweredExperiment? lowered = null)
    {
        _diagnostics = diagnostics;
        _budget = budget ?? CheckBudget.Unlimited;
        _space = new SpaceEnumerator(model, _budget);
        _lowered = lowered ?? LowerForChecks(experiment, model);
        _blocks = _lowered.Blocks.ToDictionary(b => b.Symbol);
        _walker = new ShapeWalker(experiment, _lowered, model, _budget, countedClasses) { LayerObserver = layerObserver };
        RelevantParameters = _space.Dependencies(ShapeExpressions());

        // Points that a constraint rules out are never trained, so their shapes do not matter.
        _filters = [.. _lowered.Constraints.Select(c => c.Condition).Where(c => !UsesModelStatistics(c))];
        _enumerated = [.. RelevantParameters.Concat(_space.Dependencies(_filters)).Distinct().OrderBy(p => p.Index)];
        _modelFilters = [.. _lowered.Constraints.Select(c => c.Condition).Where(UsesModelStatistics)];
    }

    /// <summary>
    /// The experiment as the checks after binding read it. The parameters' own definitions are
    /// the evaluator's to read; the checks need the model, blocks, settings and constraints.
    /// </summary>
    public static LoweredExperiment LowerForChecks(EffectiveExperiment experiment, SemanticModel model) =>
        ExperimentLowerer.Lower(new BoundExperiment(experiment, model, []));

    private readonly LoweredExperiment _lowered;
    private readonly Dictionary<BlockSymbol, LoweredBlock> _blocks;
    private readonly List<LoweredExpression> _modelFilters;
    private readonly Dictionary<BlockSymbol, HashSet<BlockParameterSymbol>> _irrelevantParameters = [];

    private readonly List<LoweredExpression> _filters;
    private readonly List<ParameterSymbol> _enumerated;

    /// <summary>The sampled parameters the architecture and input pipeline depend on.</summary>
    public IReadOnlyList<ParameterSymbol> RelevantParameters { get; }

    public ShapeSummary? Check()
    {
        // Without a model or a source, their own errors say it all.
        if (!HasModelAndSource)
        {
            return null;
        }

        var failures = new Dictionary<(string Code, int Start), (Dictionary<ParameterSymbol, Value> Point, int Count)>();
        var enumeration = _space.Enumerate(_enumerated);
        var statistics = new List<ModelStatistics>();
        var points = 0;
        var failedPoints = 0;

        // Proving every point may cost more than a check may spend (a huge space of deep models):
        // then the rest of the space is stood for by representative values, as a space past the
        // enumeration limit is, and the summary says that the proof is not exhaustive.
        var complete = WithinAllowance(enumeration.Points, Visit);
        if (!complete && enumeration.Exhaustive)
        {
            WithinAllowance(_space.Enumerate(_enumerated, representativesOnly: true).Points, Visit);
        }

        var exhaustive = enumeration.Exhaustive && complete;

        void Visit(Dictionary<ParameterSymbol, Value> point)
        {
            var key = Key(point);
            if (!Allowed(point) || _cache.ContainsKey(key))
            {
                return;
            }

            points++;
            var (result, failure) = Walk(point);

            // Constraints on the model's size ask for these statistics again, point by point.
            _cache[key] = result;
            if (result is not null)
            {
                // Constraints on the model's size rule points out of the summary too.
                var environment = new Evaluation.Environment(point, name => BuiltinCatalog.FindMetric(name)?.FromModel?.Invoke(result));
                if (_modelFilters.All(f => Evaluator.IsTrue(_space.SafeEvaluate(f, environment)) != false))
                {
                    statistics.Add(result);
                }
            }
            else if (failure is not null)
            {
                failedPoints++;
                var where = (failure.Code, failure.Span.Range.Start);
                failures[where] = failures.TryGetValue(where, out var earlier) ? (earlier.Point, earlier.Count + 1) : (point, 1);
            }
        }

        foreach (var (key, (point, count)) in failures)
        {
            // Failing everywhere, the point is only an example; failing somewhere, only what matters is named.
            var everywhere = count == points;
            var first = Walk(point, everywhere ? RelevantParameters : Essential(point, key), everywhere).Failure!;
            var share = count < points && points > 1 ? $" This fails at {count} of the {points} points {(exhaustive ? "of the space" : "checked")}." : "";
            _diagnostics.Add(first with { Message = first.Message + share });
        }

        if (statistics.Count == 0)
        {
            return null;
        }

        return new ShapeSummary(
            exhaustive,
            points,
            [.. statistics.Select(s => s.Input.Display).Distinct()],
            [.. statistics.Select(s => s.Output.Display).Distinct()],
            statistics.Min(s => s.TrainableParameters),
            statistics.Max(s => s.TrainableParameters),
            statistics.Min(s => s.Flops),
            statistics.Max(s => s.Flops),
            failedPoints);
    }

    // Visits points while that has cost at most three quarters of what the experiment may still
    // spend (the rest is for the checks after it); false when it stopped early.
    private bool WithinAllowance(IEnumerable<Dictionary<ParameterSymbol, Value>> points, Action<Dictionary<ParameterSymbol, Value>> visit)
    {
        var left = _budget.ExperimentLeft;
        foreach (var point in points)
        {
            if (left - _budget.ExperimentLeft > left / 4 * 3)
            {
                return false;
            }

            visit(point);
        }

        return true;
    }

    private bool Allowed(IReadOnlyDictionary<ParameterSymbol, Value> point)
    {
        var environment = new Evaluation.Environment(point);
        return _filters.All(f => Evaluator.IsTrue(_space.SafeEvaluate(f, environment)) != false);
    }

    private string Key(IReadOnlyDictionary<ParameterSymbol, Value> point) =>
        string.Join("|", RelevantParameters.Select(p => point.TryGetValue(p, out var v) ? v.Display : "?"));

    /// <summary>The model at a point (only its architecture parameters matter), or null where it does not work.</summary>
    public ModelStatistics? StatisticsAt(IReadOnlyDictionary<ParameterSymbol, Value> point)
    {
        var key = Key(point);
        if (!_cache.TryGetValue(key, out var statistics))
        {
            statistics = HasModelAndSource ? Walk(point).Result : null;
            _cache[key] = statistics;
        }

        return statistics;
    }

    // The parameters of a failing point that the failure depends on: changing any other one
    // (within the constraints) leaves the same failure, so the counterexample leaves it out.
    private List<ParameterSymbol> Essential(Dictionary<ParameterSymbol, Value> point, (string Code, int Start) key)
    {
        var essential = new List<ParameterSymbol>();
        foreach (var parameter in RelevantParameters.Where(p => point.TryGetValue(p, out var v) && v is not InactiveValue))
        {
            var values = parameter.Domain!.IsFinite && parameter.Domain.Count <= 32 ? parameter.Domain.Values : parameter.Domain.Representatives;
            foreach (var value in values.Where(v => !Evaluator.ValuesEqual(v, point[parameter])))
            {
                var other = new Dictionary<ParameterSymbol, Value>(point) { [parameter] = value };
                if (!Allowed(other))
                {
                    continue;
                }

                var failure = Walk(other).Failure;
                if (failure is null || (failure.Code, failure.Span.Range.Start) != key)
                {
                    essential.Add(parameter);
                    break;
                }
            }
        }

        return essential;
    }

    // Walking a point costs about as much as a hundred layers besides its layers (the input
    // pipeline, the environments, the statistics), and a failing one as much again (measured).
    private const int WalkCost = 100;

    private (ModelStatistics? Result, Diagnostic? Failure) Walk(IReadOnlyDictionary<ParameterSymbol, Value> point, IEnumerable<ParameterSymbol>? described = null, bool example = false)
    {
        _budget.Spend(WalkCost);
        string When()
        {
            var counterexample = SpaceEnumerator.Describe(point, described ?? RelevantParameters);
            return counterexample.Length == 0 ? "" : example ? $" (for example when {counterexample})" : $", when {counterexample}";
        }

        try
        {
            return (_walker.Run(point), null);
        }
        catch (ShapeFailure failure) when (failure.Silent)
        {
            _budget.Spend(WalkCost);
            return (null, null);
        }
        catch (ShapeFailure failure)
        {
            _budget.Spend(WalkCost);
            // A failure of this point says so; one that holds at every point ends with its period already.
            var diagnostic = failure.Diagnostic;
            return (null, diagnostic.Message.EndsWith('.') ? diagnostic : diagnostic with { Message = diagnostic.Message + When() + "." });
        }
        catch (EvaluationException error)
        {
            _budget.Spend(WalkCost);
            return (null, ShapeEvaluationFailed(error.Span, error.Descriptor, error.Message, When()));
        }
    }

    private bool HasModelAndSource => _lowered.Model is { IsEmpty: false } && _lowered.Data.Find("source") is not null;

    // A constraint on model.params or model.flops can only be tested once the point is walked.
    private static bool UsesModelStatistics(LoweredExpression condition) => LoweredWalker.Expressions(condition).Any(e => e is LoweredModelStatistic);

    // The expressions the architecture and input pipeline are computed from: the model's arguments
    // (those that change some shape) and the data settings that size the images.
    private List<LoweredExpression> ShapeExpressions()
    {
        var expressions = new List<LoweredExpression>();
        if (_lowered.Model is { } model)
        {
            expressions.AddRange(ShapeArguments(model, []));
        }

        foreach (var setting in _lowered.Data)
        {
            switch (setting)
            {
                case { Body: null, Name: "source" or "input" or "resize" or "classes" or "normalize" }:
                    expressions.AddRange(setting.Arguments.Select(a => a.Value));
                    break;
                // Both pipelines: a searched size in either one decides whether evaluation sees what training sees (HYP3117).
                case { Body: { } pipeline, Name: "augment" or "evaluate" }:
                    expressions.AddRange(pipeline.OfType<LoweredLayer>().SelectMany(TransformShapeArguments));
                    break;
            }
        }

        return expressions;
    }

    // The arguments of a transform that sets the image size, and its ranges given as lists
    // ([low, high]), whose number of values the shape check proves at each point (HYP4020).
    private static IEnumerable<LoweredExpression> TransformShapeArguments(LoweredLayer transform)
    {
        if (transform.Entry.Transform is not { } meaning)
        {
            return [];
        }

        if (meaning.SetsSize)
        {
            return transform.Arguments.Select(a => a.Value);
        }

        var pairs = meaning.Augment.Arguments.Where(a => a.SpreadsPair).Select(a => a.Parameter).ToHashSet(StringComparer.Ordinal);
        return transform.Arguments.Where(a => pairs.Contains(a.Parameter) && a.Value.Type is ListType).Select(a => a.Value);
    }

    // Arguments that change no shape (a dropout probability, say) would only multiply the points
    // to walk; that includes block arguments that the block only uses in such places. The layer a
    // 'replace' puts in counts with all its arguments.
    private IEnumerable<LoweredExpression> ShapeArguments(IEnumerable<LoweredStatement> statements, HashSet<BlockSymbol> visiting)
    {
        foreach (var statement in LoweredWalker.Statements(statements))
        {
            switch (statement)
            {
                case LoweredLayer layer:
                    foreach (var argument in layer.Arguments.Where(a => layer.Entry.Find(a.Parameter) is not { ChangesNoShape: true }))
                    {
                        yield return argument.Value;
                    }

                    break;
                case LoweredBlockUse use:
                    var irrelevant = visiting.Contains(use.Block) ? [] : IrrelevantParameters(use.Block, visiting);
                    foreach (var argument in use.Arguments.Where(a => !irrelevant.Any(p => p.Name == a.Parameter)))
                    {
                        yield return argument.Value;
                    }

                    break;
                case LoweredFor loop:
                    yield return loop.Range;
                    break;
                case LoweredIfStatement conditional:
                    yield return conditional.Condition;
                    break;
                case LoweredMatchStatement match:
                    yield return match.Subject;
                    foreach (var pattern in match.Arms.SelectMany(a => a.Patterns).OfType<LoweredExpression>())
                    {
                        yield return pattern;
                    }

                    break;
                case LoweredResidual residual:
                    foreach (var argument in residual.Arguments)
                    {
                        yield return argument.Value;
                    }

                    break;
                case LoweredReplace { Replacement: LoweredLayer head }:
                    foreach (var argument in head.Arguments)
                    {
                        yield return argument.Value;
                    }

                    break;
                case LoweredReplace { Replacement: LoweredBlockUse head }:
                    foreach (var argument in head.Arguments)
                    {
                        yield return argument.Value;
                    }

                    break;
            }
        }
    }

    // The parameters of a block that no shape depends on; once per block: a block used twice by a
    // block used twice ... is still one block.
    private HashSet<BlockParameterSymbol> IrrelevantParameters(BlockSymbol block, HashSet<BlockSymbol> visiting)
    {
        if (!_irrelevantParameters.TryGetValue(block, out var irrelevant))
        {
            visiting.Add(block);
            var used = ShapeArguments(_blocks[block].Body, visiting)
                .SelectMany(LoweredWalker.Expressions)
                .OfType<LoweredBlockParameterReference>()
                .Select(r => r.Parameter)
                .ToHashSet();
            visiting.Remove(block);
            irrelevant = [.. block.Parameters.Where(p => !used.Contains(p))];
            _irrelevantParameters[block] = irrelevant;
        }

        return irrelevant;
    }
}
