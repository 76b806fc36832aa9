using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A binary operation, including ranges and schedule composition with <c>then</c>.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record BinarySyntax(BinaryOperator Operator, ExpressionSyntax Left, ExpressionSyntax Right, SourceSpan Span) : ExpressionSyntax(Span);
