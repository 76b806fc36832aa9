using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A type written in a block parameter.</summary>
/// <param name="Name">The type's name, such as <c>int</c>.</param>
/// <param name="IsOptional">True when written with a trailing <c>?</c>.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record TypeReferenceSyntax(IdentifierSyntax Name, bool IsOptional, SourceSpan Span) : SyntaxNode(Span);
