using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Checks every use of a conditional parameter: it must stand where its condition is known to
/// hold. "Known" is decided on the space itself: at every point where the enclosing facts
/// (if, match arm, when, and) hold, the parameter's condition must hold too.
/// </summary>
internal sealed class ConditionChecker
{
    private readonly SemanticModel _model;
    private readonly SpaceEnumerator _space;
    private readonly Evaluator _evaluator;
    private readonly List<Diagnostic> _diagnostics;

    public ConditionChecker(SemanticModel model, List<Diagnostic> diagnostics, CheckBudget budget)
    {
        _model = model;
        _space = new SpaceEnumerator(model, budget);
        _evaluator = _space.Evaluator;
        _diagnostics = diagnostics;
    }

    public void Check(IEnumerable<ConditionalUse> uses)
    {
        var reported = new HashSet<NameSyntax>(ReferenceEqualityComparer.Instance);

        // Uses of one parameter under the same facts (a list of a thousand uses inside one 'if')
        // have the same answer: the facts are one list, shared by the binder.
        var answers = new Dictionary<(ParameterSymbol, ImmutableList<Fact>), string?>();
        foreach (var use in uses)
        {
            if (reported.Contains(use.Use))
            {
                continue;
            }

            if (!answers.TryGetValue((use.Parameter, use.Facts), out var counterexample))
            {
                counterexample = Counterexample(use);
                answers[(use.Parameter, use.Facts)] = counterexample;
            }

            if (counterexample is not null)
            {
                reported.Add(use.Use);
                _diagnostics.Add(ConditionalOutsideCondition(use.Use.Span, use.Parameter.Name, use.Parameter.Condition!, counterexample));
            }
        }
    }

    private string? Counterexample(ConditionalUse use)
    {
        var facts = use.Facts.Where(f => FactExpressions(f).All(OnlyParameters)).ToList();
        var condition = use.Parameter.Condition!;
        var parameters = _space.Dependencies([condition, .. facts.SelectMany(FactExpressions)]);
        foreach (var point in _space.Enumerate(parameters).Points)
        {
            var environment = new Evaluation.Environment(point);
            if (facts.All(f => Holds(f, environment)) && Evaluator.IsTrue(_space.SafeEvaluate(condition, environment)) != true)
            {
                return SpaceEnumerator.Describe(point, _space.Dependencies([condition]));
            }
        }

        return null;
    }

    private bool Holds(Fact fact, Evaluation.Environment environment) => fact switch
    {
        ConditionFact condition => Evaluator.IsTrue(_space.SafeEvaluate(condition.Condition, environment)) == condition.Holds,
        MatchFact match => _space.SafeEvaluate(match.Subject, environment) is var subject
            && _evaluator.Matches(subject, match.Patterns, environment)
            && !_evaluator.Matches(subject, match.Excluded, environment),
        _ => false,
    };

    private static IEnumerable<ExpressionSyntax> FactExpressions(Fact fact) => fact switch
    {
        ConditionFact condition => [condition.Condition],
        MatchFact match => [match.Subject, .. match.Patterns.Concat(match.Excluded).OfType<ExpressionPatternSyntax>().Select(p => p.Value)],
        _ => [],
    };

    // Facts about loop variables or block arguments say nothing about the space.
    private bool OnlyParameters(ExpressionSyntax expression) =>
        SyntaxWalker.Names(expression).All(n => _model.GetResolution(n) is not Symbol || _model.GetResolution(n) is ParameterSymbol);
}
