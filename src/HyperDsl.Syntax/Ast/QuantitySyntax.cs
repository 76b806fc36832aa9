using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>An amount with a unit: <c>1 epoch</c>, <c>500 steps</c>, <c>10%</c>, <c>[30, 60] epochs</c>.</summary>
/// <param name="Value">The amount.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record QuantitySyntax(ExpressionSyntax Value, QuantityUnit Unit, SourceSpan Span) : ExpressionSyntax(Span);
