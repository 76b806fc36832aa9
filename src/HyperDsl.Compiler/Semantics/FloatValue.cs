namespace HyperDsl.Compiler.Semantics;

/// <summary>A real number.</summary>
public sealed record FloatValue(double Value) : Value
{
    /// <inheritdoc />
    public override string Display => FormatNumber(Value);
}
