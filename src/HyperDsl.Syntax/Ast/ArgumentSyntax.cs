using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>One argument of a call, layer or setting, positional or named.</summary>
/// <param name="Name">The name before <c>:</c>, for a named argument.</param>
/// <param name="Value">The value.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ArgumentSyntax(IdentifierSyntax? Name, ExpressionSyntax Value, SourceSpan Span) : SyntaxNode(Span);
