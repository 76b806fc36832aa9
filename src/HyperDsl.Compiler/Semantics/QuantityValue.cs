using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Semantics;

/// <summary>An amount with a unit: <c>3 epochs</c>, <c>500 steps</c>, <c>10%</c>.</summary>
public sealed record QuantityValue(double Amount, QuantityUnit Unit) : Value
{
    /// <inheritdoc />
    public override string Display => Unit switch
    {
        QuantityUnit.Percent => FormatNumber(Amount) + "%",
        QuantityUnit.Steps => FormatNumber(Amount) + " steps",
        _ => FormatNumber(Amount) + (Amount == 1 ? " epoch" : " epochs"),
    };
}
