namespace HyperDsl.Compiler.Semantics;

/// <summary>An amount of training (<c>3 epochs</c>, <c>500 steps</c>) or a percentage (<c>10%</c>).</summary>
public sealed record QuantityType(Syntax.Ast.QuantityUnit Unit) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => Unit switch
    {
        Syntax.Ast.QuantityUnit.Epochs => "epochs",
        Syntax.Ast.QuantityUnit.Steps => "steps",
        _ => "percentage",
    };
}
