using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// A <c>match</c> that gives a value must give one for every value its subject can take: an
/// optimizer chosen by <c>match optimizer</c> must exist for every optimizer of the space.
/// </summary>
internal sealed class MatchChecker
{
    private readonly List<Diagnostic> _diagnostics;
    private readonly SpaceEnumerator _space;
    private readonly Evaluator _evaluator;

    public MatchChecker(SemanticModel model, List<Diagnostic> diagnostics, CheckBudget budget)
    {
        _diagnostics = diagnostics;
        _space = new SpaceEnumerator(model, budget);
        _evaluator = _space.Evaluator;
    }

    public void Check(EffectiveExperiment experiment)
    {
        var roots = experiment.Parameters.OfType<FixedParameterSyntax>().Select(p => p.Value)
            .Concat(experiment.Settings.Values.SelectMany(s => s).OfType<ValueSettingSyntax>().SelectMany(s => s.Arguments.Select(a => a.Value)));
        var expressions = roots.SelectMany(SyntaxWalker.Expressions)
            .Concat(experiment.Model is { } model ? SyntaxWalker.Expressions(model.Body) : []);
        foreach (var match in expressions.OfType<MatchExpressionSyntax>())
        {
            var patterns = match.Arms.SelectMany(a => a.Patterns).OfType<ExpressionPatternSyntax>().Select(p => p.Value);
            foreach (var point in _space.Enumerate(_space.Dependencies([match.Subject, .. patterns])).Points)
            {
                var environment = new Evaluation.Environment(point);
                var subject = _space.SafeEvaluate(match.Subject, environment);
                if (subject is InactiveValue or OpaqueValue || match.Arms.Any(a => _evaluator.Matches(subject, a.Patterns, environment)))
                {
                    continue;
                }

                _diagnostics.Add(MatchNotExhaustive(match.Subject.Span, match.Subject, subject));
                break;
            }
        }
    }
}
