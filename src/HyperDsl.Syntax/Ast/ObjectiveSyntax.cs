using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>One direction and metric of an objective setting.</summary>
/// <param name="Direction">Whether to maximize or minimize.</param>
/// <param name="Metric">The metric or static figure to optimize.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ObjectiveSyntax(OptimizationDirection Direction, ExpressionSyntax Metric, SourceSpan Span) : SyntaxNode(Span);
