using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>Stands in for an expression that error recovery could not parse; a syntax error is always reported with it.</summary>
/// <param name="Span">Where the node is in its file.</param>
public sealed record MissingExpressionSyntax(SourceSpan Span) : ExpressionSyntax(Span);
