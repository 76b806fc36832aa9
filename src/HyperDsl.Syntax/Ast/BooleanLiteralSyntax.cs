using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>true</c> or <c>false</c>.</summary>
/// <param name="Value">The value.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record BooleanLiteralSyntax(bool Value, SourceSpan Span) : ExpressionSyntax(Span);
