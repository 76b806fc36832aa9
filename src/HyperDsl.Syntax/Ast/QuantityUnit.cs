namespace HyperDsl.Syntax.Ast;

/// <summary>Units written after an amount.</summary>
public enum QuantityUnit
{
    /// <summary><c>epoch</c> / <c>epochs</c></summary>
    Epochs,

    /// <summary><c>step</c> / <c>steps</c> (optimizer steps)</summary>
    Steps,

    /// <summary><c>%</c></summary>
    Percent,
}
