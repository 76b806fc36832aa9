using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// The lowered form of each expression of one semantic model, lowered once: the checker
/// evaluates the same expressions at thousands of points, and every evaluator of a model
/// shares them.
/// </summary>
internal sealed class LoweredExpressions
{
    private static readonly ConditionalWeakTable<SemanticModel, LoweredExpressions> ByModel = [];
    private readonly ExpressionLowerer _lowerer;

    // By reference: two equal-looking expressions at different places are different expressions.
    private readonly ConcurrentDictionary<ExpressionSyntax, LoweredExpression> _lowered = new(ReferenceEqualityComparer.Instance);

    private LoweredExpressions(SemanticModel model) => _lowerer = new ExpressionLowerer(model);

    /// <summary>The shared lowered expressions of <paramref name="model"/>.</summary>
    public static LoweredExpressions Of(SemanticModel model) => ByModel.GetValue(model, m => new LoweredExpressions(m));

    /// <summary><paramref name="expression"/> lowered.</summary>
    public LoweredExpression Of(ExpressionSyntax expression) => _lowered.GetOrAdd(expression, _lowerer.Lower);
}
