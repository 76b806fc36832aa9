using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>Computes expressions that depend on no parameter or loop variable.</summary>
internal static class ConstantFolder
{
    public static Value? TryFold(ExpressionSyntax expression, SemanticModel model)
    {
        if (SyntaxWalker.Expressions(expression).Any(e => e is NameSyntax name && model.GetResolution(name) is Symbol || e is MemberAccessSyntax))
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
