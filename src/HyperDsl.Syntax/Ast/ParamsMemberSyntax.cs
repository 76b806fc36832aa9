using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A line of the params section.</summary>
/// <param name="Span">Where the node is in its file.</param>
public abstract record ParamsMemberSyntax(SourceSpan Span) : SyntaxNode(Span);
