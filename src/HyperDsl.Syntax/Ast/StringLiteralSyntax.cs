using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A string: <c>"data/train"</c>.</summary>
/// <param name="Value">The value with escapes resolved.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record StringLiteralSyntax(string Value, SourceSpan Span) : ExpressionSyntax(Span);
