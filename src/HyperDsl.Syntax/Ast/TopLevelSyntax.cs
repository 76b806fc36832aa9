using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>Something declared at the top level of a file.</summary>
/// <param name="Span">Where the node is in its file.</param>
public abstract record TopLevelSyntax(SourceSpan Span) : SyntaxNode(Span);
