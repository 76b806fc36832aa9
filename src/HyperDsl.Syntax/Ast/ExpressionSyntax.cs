using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>An expression.</summary>
/// <param name="Span">Where the node is in its file.</param>
public abstract record ExpressionSyntax(SourceSpan Span) : SyntaxNode(Span);
