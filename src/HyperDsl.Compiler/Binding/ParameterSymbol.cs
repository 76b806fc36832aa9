using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Binding;

/// <summary>A parameter of the search space, sampled (<c>~</c>) or fixed/derived (<c>=</c>).</summary>
public sealed class ParameterSymbol : Symbol
{
    internal ParameterSymbol(ParameterSyntax syntax, int index)
        : base(syntax.Name.Name, syntax.Name.Span)
    {
        Syntax = syntax;
        Index = index;
    }

    /// <summary>The declaration.</summary>
    public ParameterSyntax Syntax { get; }

    /// <summary>Its position among the experiment's parameters.</summary>
    public int Index { get; }

    /// <summary>The <c>when</c> condition, if it is conditional.</summary>
    public ExpressionSyntax? Condition => Syntax.Condition;

    /// <summary>True when the parameter exists only where its condition holds.</summary>
    public bool IsConditional => Syntax.Condition is not null;

    /// <summary>True for <c>name = value</c>: fixed, or derived from other parameters.</summary>
    public bool IsFixed => Syntax is FixedParameterSyntax;

    /// <summary>Where its values come from; null when the declaration has errors.</summary>
    public ParameterDomain? Domain { get; internal set; }

    /// <summary>True once anything refers to it.</summary>
    public bool IsUsed { get; internal set; }
}
