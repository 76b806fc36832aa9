using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// Computes expressions that depend on no sampled parameter or loop variable. A fixed value
/// written once in params ('t = 20', 'half = t / 2') is a constant like a number written out, so
/// 'trials t' means what 'trials 20' does.
/// </summary>
internal static class ConstantFolder
{
    public static Value? TryFold(ExpressionSyntax expression, SemanticModel model) => TryFold(LoweredExpressions.Of(model).Of(expression), model);

    /// <summary>The value of <paramref name="expression"/> when it is the same at every point, else null.</summary>
    public static Value? TryFold(LoweredExpression expression, SemanticModel model)
    {
        var names = LoweredWalker.Expressions(expression)
            .Where(e => e is LoweredParameterReference or LoweredBlockParameterReference or LoweredLoopVariable or LoweredModelStatistic).ToList();
        if (names.Any(e => e is not LoweredParameterReference { Parameter: { IsFixed: true, IsConditional: false } }))
        {
            return null;
        }

        // Only fixed values are named; they are constants when nothing they use is sampled.
        var space = new SpaceEnumerator(model);
        if (names.Count > 0 && space.Dependencies([expression]).Count > 0)
        {
            return null;
        }

        try
        {
            var value = space.Evaluator.Evaluate(expression, new Environment(new Dictionary<ParameterSymbol, Value>()));
            return value is InactiveValue or OpaqueValue ? null : value;
        }
        catch (EvaluationException)
        {
            return null;
        }
    }
}
