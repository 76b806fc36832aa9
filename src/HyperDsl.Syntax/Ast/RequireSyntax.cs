using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>require condition</c>: a constraint between parameters.</summary>
/// <param name="Condition">The condition every sampled point must satisfy.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record RequireSyntax(ExpressionSyntax Condition, SourceSpan Span) : ParamsMemberSyntax(Span);
