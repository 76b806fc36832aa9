using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A number: <c>32</c>, <c>1e-3</c>, <c>0.5</c>, <c>100k</c>.</summary>
/// <param name="Text">The literal as written, such as <c>100k</c>.</param>
/// <param name="Value">The value, with any k/M/G suffix applied.</param>
/// <param name="IsInteger">True for a whole number written without a decimal point or exponent.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record NumberLiteralSyntax(string Text, double Value, bool IsInteger, SourceSpan Span) : ExpressionSyntax(Span);
