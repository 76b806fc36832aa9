using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>One line of a data, train or tune section.</summary>
/// <param name="Name">The setting's name (for <c>objective</c> and <c>try</c>, the keyword).</param>
/// <param name="Span">Where the node is in its file.</param>
public abstract record SettingSyntax(IdentifierSyntax Name, SourceSpan Span) : SyntaxNode(Span);
