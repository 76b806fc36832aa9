using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>Base of every node of the immutable AST. Every node knows its file, line and column through its span.</summary>
/// <param name="Span">Where the node is in its file.</param>
public abstract record SyntaxNode(SourceSpan Span);
