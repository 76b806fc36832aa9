using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>name = value</c> inside a <c>try</c> point.</summary>
/// <param name="Name">The parameter assigned.</param>
/// <param name="Value">The value.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record AssignmentSyntax(IdentifierSyntax Name, ExpressionSyntax Value, SourceSpan Span) : SyntaxNode(Span);
