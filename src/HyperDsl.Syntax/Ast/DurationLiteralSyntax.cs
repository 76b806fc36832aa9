using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A wall-clock duration: <c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1d</c>.</summary>
/// <param name="Text">The literal as written, such as <c>2h</c>.</param>
/// <param name="Value">The duration.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record DurationLiteralSyntax(string Text, TimeSpan Value, SourceSpan Span) : ExpressionSyntax(Span);
