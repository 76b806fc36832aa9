using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Proves the model's shapes for every point of the space that the architecture depends on:
/// each point is walked (<see cref="ShapeWalker"/>), and a failure is reported once per layer
/// with a real counterexample. Also gives the exact parameter count and FLOPs of each point
/// for constraints, objectives and the summary.
/// </summary>
internal sealed class ShapeChecker
{
    private readonly EffectiveExperiment _experiment;
    private readonly SemanticModel _model;
    private readonly List<Diagnostic> _diagnostics;
    private readonly SpaceEnumerator _space;
    private readonly ShapeWalker _walker;
    private readonly CheckBudget _budget;
    private readonly Dictionary<string, ModelStatistics?> _cache = new(StringComparer.Ordinal);

    public ShapeChecker(EffectiveExperiment experiment, SemanticModel model, List<Diagnostic> diagnostics, CheckBudget? budget = null, long? countedClasses = null, Action<SourceSpan, TensorShape, TensorShape>? layerObserver = null)
    {
        _experiment = experiment;
        _model = model;
        _diagnostics = diagnostics;
        _budget = budget ?? CheckBudget.Unlimited;
        _space = new SpaceEnumerator(model, _budget);
        _walker = new ShapeWalker(experiment, model, _budget, countedClasses) { LayerObserver = layerObserver };
        RelevantParameters = _space.Dependencies(ShapeExpressions());

        // Points that a constraint rules out are never trained, so their shapes do not matter.
        _filters = [.. experiment.Constraints.Select(c => c.Condition).Where(c => !SyntaxWalker.Expressions(c).Any(e => e is MemberAccessSyntax))];
        _enumerated = [.. RelevantParameters.Concat(_space.Dependencies(_filters)).Distinct().OrderBy(p => p.Index)];
        _modelFilters = [.. experiment.Constraints.Select(c => c.Condition).Where(c => SyntaxWalker.Expressions(c).Any(e => e is MemberAccessSyntax))];
    }

    private readonly List<ExpressionSyntax> _modelFilters;
    private readonly Dictionary<BlockSymbol, HashSet<BlockParameterSymbol>> _irrelevantParameters = [];

    private readonly List<ExpressionSyntax> _filters;
    private readonly List<ParameterSymbol> _enumerated;

    /// <summary>The sampled parameters the architecture and input pipeline depend on.</summary>
    public IReadOnlyList<ParameterSymbol> RelevantParameters { get; }

    public ShapeSummary? Check()
    {
        // Without a model or a source, their own errors say it all.
        if (_experiment.Model is not { Body.IsEmpty: false } || _experiment.Setting(SectionKind.Data, "source") is null)
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
            statistics = _experiment.Model is not { Body.IsEmpty: false } || _experiment.Setting(SectionKind.Data, "source") is null ? null : Walk(point).Result;
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

    private IEnumerable<ExpressionSyntax> ShapeExpressions()
    {
        var expressions = new List<ExpressionSyntax>();
        if (_experiment.Model is { } model)
        {
            var irrelevant = ShapeIrrelevantExpressions(model);
            expressions.AddRange(SyntaxWalker.Expressions(model.Body).Where(e => !irrelevant.Contains(e)));
        }

        foreach (var setting in _experiment.SettingsOf(SectionKind.Data))
        {
            switch (setting)
            {
                case ValueSettingSyntax value when value.Name.Name is "source" or "input" or "resize" or "classes" or "normalize":
                    expressions.AddRange(value.Arguments.Select(a => a.Value));
                    break;
                // Both pipelines: a searched size in either one decides whether evaluation sees what training sees (HYP3117).
                case BlockSettingSyntax { Name.Name: "augment" or "evaluate" } pipeline:
                    expressions.AddRange(pipeline.Body.OfType<LayerSyntax>().SelectMany(TransformShapeArguments));
                    break;
            }
        }

        return expressions;
    }

    // The arguments of a transform that sets the image size, and its ranges given as lists
    // ([low, high]), whose number of values the shape check proves at each point (HYP4020).
    private IEnumerable<ExpressionSyntax> TransformShapeArguments(LayerSyntax layer)
    {
        if (BuiltinCatalog.Find(layer.Name.Name) is not { Transform: { } meaning } entry)
        {
            return [];
        }

        if (meaning.SetsSize)
        {
            return layer.Arguments.Select(a => a.Value);
        }

        var named = SyntaxWalker.MatchArguments([.. entry.Parameters.Select(p => p.Name)], layer.Arguments);
        return meaning.Augment.Arguments.Where(a => a.SpreadsPair && named.ContainsKey(a.Parameter)).Select(a => named[a.Parameter])
            .Where(value => _model.GetType(value) is ListType);
    }

    // Arguments that change no shape (a dropout probability, say) would only multiply the points
    // to walk; that includes block arguments that the block only uses in such places.
    private HashSet<ExpressionSyntax> ShapeIrrelevantExpressions(ModelSectionSyntax model) =>
        ShapeIrrelevantExpressions(model.Body, []);

    private HashSet<ExpressionSyntax> ShapeIrrelevantExpressions(IEnumerable<StatementSyntax> statements, HashSet<BlockSymbol> visiting)
    {
        var set = new HashSet<ExpressionSyntax>(ReferenceEqualityComparer.Instance);
        foreach (var layer in SyntaxWalker.Layers(statements))
        {
            switch (_model.GetResolution(layer))
            {
                case CatalogEntry entry:
                    foreach (var (argument, index) in layer.Arguments.Select((a, i) => (a, i)))
                    {
                        var name = argument.Name?.Name ?? entry.Parameters.ElementAtOrDefault(index)?.Name;
                        if (name is not null && entry.Find(name) is { ChangesNoShape: true })
                        {
                            set.UnionWith(SyntaxWalker.Expressions(argument.Value));
                        }
                    }

                    break;
                case BlockSymbol block when visiting.Add(block):
                    // Once per block: a block used twice by a block used twice ... is still one block.
                    if (!_irrelevantParameters.TryGetValue(block, out var irrelevant))
                    {
                        irrelevant = ShapeIrrelevantParameters(block, visiting);
                        _irrelevantParameters[block] = irrelevant;
                    }

                    foreach (var (argument, index) in layer.Arguments.Select((a, i) => (a, i)))
                    {
                        var parameter = argument.Name is { } named ? block.Parameters.FirstOrDefault(p => p.Name == named.Name) : block.Parameters.ElementAtOrDefault(index);
                        if (parameter is not null && irrelevant.Contains(parameter))
                        {
                            set.UnionWith(SyntaxWalker.Expressions(argument.Value));
                        }
                    }

                    visiting.Remove(block);
                    break;
            }
        }

        return set;
    }

    private HashSet<BlockParameterSymbol> ShapeIrrelevantParameters(BlockSymbol block, HashSet<BlockSymbol> visiting)
    {
        var irrelevant = ShapeIrrelevantExpressions(block.Syntax.Body, visiting);
        var used = SyntaxWalker.Expressions(block.Syntax.Body)
            .Where(e => !irrelevant.Contains(e))
            .OfType<NameSyntax>()
            .Select(n => _model.GetResolution(n))
            .OfType<BlockParameterSymbol>()
            .ToHashSet();
        return [.. block.Parameters.Where(p => !used.Contains(p))];
    }

}
