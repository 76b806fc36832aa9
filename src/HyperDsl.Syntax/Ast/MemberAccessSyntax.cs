using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>target.member</c>, such as <c>model.params</c>.</summary>
/// <param name="Target">The expression before the dot.</param>
/// <param name="Member">The member after the dot.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record MemberAccessSyntax(ExpressionSyntax Target, IdentifierSyntax Member, SourceSpan Span) : ExpressionSyntax(Span);
