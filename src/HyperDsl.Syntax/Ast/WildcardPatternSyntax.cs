using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>_</c>: matches anything.</summary>
/// <param name="Span">Where the node is in its file.</param>
public sealed record WildcardPatternSyntax(SourceSpan Span) : PatternSyntax(Span);
