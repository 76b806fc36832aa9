using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>One parameter of a block declaration.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Type">The declared type, if any.</param>
/// <param name="Default">The default value, if any.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record BlockParameterSyntax(IdentifierSyntax Name, TypeReferenceSyntax? Type, ExpressionSyntax? Default, SourceSpan Span) : SyntaxNode(Span);
