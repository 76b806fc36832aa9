using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A pattern of a match arm.</summary>
/// <param name="Span">Where the node is in its file.</param>
public abstract record PatternSyntax(SourceSpan Span) : SyntaxNode(Span);
