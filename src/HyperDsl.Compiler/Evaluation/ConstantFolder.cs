using HyperDsl.Compiler.Binding;
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
    public static Value? TryFold(ExpressionSyntax expression, SemanticModel model)
    {
        var names = SyntaxWalker.Expressions(expression).Where(e => e is NameSyntax name && model.GetResolution(name) is Symbol || e is MemberAccessSyntax).ToList();
        if (names.Count > 0
            && (!names.All(e => model.GetResolution(e) is ParameterSymbol { IsFixed: true, IsConditional: false })
                || new SpaceEnumerator(model).Dependencies([expression]).Count > 0))
        {
            return null;
        }

        try
        {
            var value = new Evaluator(model).Evaluate(expression, new Environment(new Dictionary<ParameterSymbol, Value>()));
            return value is InactiveValue or OpaqueValue ? null : value;
        }
        catch (EvaluationException)
        {
            return null;
        }
    }
}
