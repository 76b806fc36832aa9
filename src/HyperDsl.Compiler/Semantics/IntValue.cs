using System.Globalization;

namespace HyperDsl.Compiler.Semantics;

/// <summary>A whole number.</summary>
public sealed record IntValue(long Value) : Value
{
    /// <inheritdoc />
    public override string Display => Value.ToString(CultureInfo.InvariantCulture);
}
