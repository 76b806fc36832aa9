using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>name ~ distribution [when condition]</c>.</summary>
/// <param name="Name">See the base record.</param>
/// <param name="Distribution">The distribution after <c>~</c>, such as <c>loguniform(1e-4, 1e-1)</c>.</param>
/// <param name="Condition">See the base record.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record SampledParameterSyntax(IdentifierSyntax Name, ExpressionSyntax Distribution, ExpressionSyntax? Condition, SourceSpan Span) : ParameterSyntax(Name, Condition, Span);
