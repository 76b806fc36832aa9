using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Checks the space as a whole: conditions that can hold, constraints that some point
/// satisfies (and that do something), parameters that are used, and the space's exact size.
/// </summary>
internal sealed class SearchSpaceChecker
{
    private readonly EffectiveExperiment _experiment;
    private readonly IReadOnlyList<ParameterSymbol> _parameters;
    private readonly ShapeChecker _shapes;
    private readonly List<Diagnostic> _diagnostics;
    private readonly SpaceEnumerator _space;
    private readonly SemanticModel _model;

    public SearchSpaceChecker(EffectiveExperiment experiment, SemanticModel model, IReadOnlyList<ParameterSymbol> parameters, ShapeChecker shapes, List<Diagnostic> diagnostics, CheckBudget budget)
    {
        _experiment = experiment;
        _parameters = parameters;
        _shapes = shapes;
        _diagnostics = diagnostics;
        _space = new SpaceEnumerator(model, budget);
        _model = model;
    }

    /// <summary>Runs the checks and returns the size of the space: a count, or null when it is continuous.</summary>
    public long? Check()
    {
        foreach (var parameter in _parameters.Where(p => p.IsConditional && p.Domain is not null))
        {
            CheckEqualityOnContinuous(parameter.Condition!);
            CheckConditionCanHold(parameter);
        }

        foreach (var parameter in _parameters.Where(p => !p.IsUsed))
        {
            _diagnostics.Add(UnusedParameter(parameter.Declaration, parameter.Name));
        }

        CheckConstraints();
        return Size();
    }

    private void CheckConditionCanHold(ParameterSymbol parameter)
    {
        var condition = parameter.Condition!;
        var enumeration = _space.Enumerate(_space.Dependencies([condition]));
        if (enumeration.Exhaustive && !enumeration.Points.Any(p => Evaluator.IsTrue(_space.SafeEvaluate(condition, new Evaluation.Environment(p))) == true))
        {
            _diagnostics.Add(ConditionNeverTrue(condition.Span, parameter.Name));
        }
    }

    // 'when lr == 0.001' with 'lr ~ loguniform(...)': a sampled float is almost never exactly one value.
    private void CheckEqualityOnContinuous(ExpressionSyntax condition)
    {
        foreach (var comparison in SyntaxWalker.Expressions(condition).OfType<BinarySyntax>().Where(b => b.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual))
        {
            var continuous = new[] { comparison.Left, comparison.Right }.OfType<NameSyntax>()
                .Select(n => _model.GetResolution(n) as ParameterSymbol)
                .FirstOrDefault(p => p is { Syntax: SampledParameterSyntax, Domain: Semantics.FloatDomain { Step: null } });
            if (continuous is not null)
            {
                _diagnostics.Add(ContinuousEquality(comparison.Span, continuous.Name, ExpressionBinder.Shorten(comparison), comparison.Operator == BinaryOperator.Equal));
            }
        }
    }

    private void CheckConstraints()
    {
        var constraints = _experiment.Constraints;
        if (constraints.IsEmpty)
        {
            return;
        }

        foreach (var constraint in constraints)
        {
            var (holds, total, exhaustive) = Count([constraint]);
            if (holds == 0 && total > 0)
            {
                _diagnostics.Add(ConstraintNeverHolds(constraint.Condition.Span));
                return;
            }

            if (exhaustive && holds == total && total > 0)
            {
                _diagnostics.Add(ConstraintAlwaysHolds(constraint.Condition.Span));
            }
        }

        var (together, count, _) = Count(constraints);
        if (together == 0 && count > 0 && constraints.Length > 1)
        {
            _diagnostics.Add(ConstraintsNeverHoldTogether(constraints[^1].Condition.Span));
        }
    }

    private (long Holds, long Total, bool Exhaustive) Count(IReadOnlyList<RequireSyntax> constraints, IReadOnlyList<ParameterSymbol>? over = null)
    {
        var usesModel = constraints.Any(c => SyntaxWalker.Expressions(c.Condition).Any(e => e is MemberAccessSyntax));
        var expressions = constraints.Select(c => c.Condition).ToList();
        var parameters = (over ?? []).Concat(_space.Dependencies(expressions)).Concat(usesModel ? _shapes.RelevantParameters : []).Distinct().OrderBy(p => p.Index).ToList();
        var enumeration = _space.Enumerate(parameters);
        long holds = 0, total = 0;
        foreach (var point in enumeration.Points)
        {
            // Where the model itself does not work, its shape errors say so; such points prove nothing here.
            var statistics = usesModel ? _shapes.StatisticsAt(point) : null;
            if (usesModel && statistics is null)
            {
                continue;
            }

            total++;

            var environment = new Evaluation.Environment(point, name => statistics is null ? null : BuiltinCatalog.FindMetric(name)?.FromModel?.Invoke(statistics));
            if (constraints.All(c => Evaluator.IsTrue(_space.SafeEvaluate(c.Condition, environment)) == true))
            {
                holds++;
            }
        }

        return (holds, total, enumeration.Exhaustive);
    }

    // The number of distinct configurations a grid would visit: conditional parameters count
    // only where active, and constraints remove points.
    private long? Size()
    {
        var sampled = _parameters.Where(p => !p.IsFixed && p.Domain is not null).ToList();
        if (sampled.Any(p => !p.Domain!.IsFinite))
        {
            return null;
        }

        if (SpaceEnumerator.Product(sampled.Select(p => p.Domain!.Count)) > SpaceEnumerator.Limit)
        {
            return SpaceEnumerator.Product(sampled.Select(p => p.Domain!.Count));
        }

        return _experiment.Constraints.IsEmpty ? _space.Enumerate(sampled).Points.LongCount() : Count(_experiment.Constraints, sampled).Holds;
    }
}
