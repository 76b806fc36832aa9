using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>if condition { a } else { b }</c> as a value.</summary>
/// <param name="Condition">The condition.</param>
/// <param name="Then">The value when the condition holds.</param>
/// <param name="Else">The value otherwise.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record IfExpressionSyntax(ExpressionSyntax Condition, ExpressionSyntax Then, ExpressionSyntax Else, SourceSpan Span) : ExpressionSyntax(Span);
