using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A named parameter of the search space, sampled or fixed.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Condition">The <c>when</c> condition, if the parameter is conditional.</param>
/// <param name="Span">Where the node is in its file.</param>
public abstract record ParameterSyntax(IdentifierSyntax Name, ExpressionSyntax? Condition, SourceSpan Span) : ParamsMemberSyntax(Span);
