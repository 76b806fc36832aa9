using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>name = expression [when condition]</c>: a fixed or derived value.</summary>
/// <param name="Name">See the base record.</param>
/// <param name="Value">The fixed or derived value after <c>=</c>.</param>
/// <param name="Condition">See the base record.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record FixedParameterSyntax(IdentifierSyntax Name, ExpressionSyntax Value, ExpressionSyntax? Condition, SourceSpan Span) : ParameterSyntax(Name, Condition, Span);
