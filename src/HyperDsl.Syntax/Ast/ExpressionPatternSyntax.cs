using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A value the subject must equal.</summary>
/// <param name="Value">The value compared with the subject.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ExpressionPatternSyntax(ExpressionSyntax Value, SourceSpan Span) : PatternSyntax(Span);
