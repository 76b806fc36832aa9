using HyperDsl.Compiler.Evaluation;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// The arguments the range check evaluated at every point their space gives, with the first
/// point where one could not be computed, so the evaluation check reads that outcome instead of
/// evaluating the same argument over the same points again. Both enumerate
/// <c>Dependencies([value])</c> in the same order, so the first failure is the same.
/// </summary>
internal sealed class EvaluatedArguments
{
    private readonly Dictionary<ExpressionSyntax, (EvaluationException Error, string Point)?> _outcomes = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records that <paramref name="value"/> was evaluated at every point: cleanly (<paramref name="failure"/> null) or first failing there.</summary>
    public void Record(ExpressionSyntax value, (EvaluationException Error, string Point)? failure) => _outcomes.TryAdd(value, failure);

    /// <summary>Whether <paramref name="value"/> was evaluated at every point, and where it first failed if it did.</summary>
    public bool TryGet(ExpressionSyntax value, out (EvaluationException Error, string Point)? failure) => _outcomes.TryGetValue(value, out failure);
}
