using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A statement of a model, block or augmentation pipeline.</summary>
/// <param name="Span">Where the node is in its file.</param>
public abstract record StatementSyntax(SourceSpan Span) : SyntaxNode(Span);
