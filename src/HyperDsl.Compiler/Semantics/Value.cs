using System.Globalization;

namespace HyperDsl.Compiler.Semantics;

/// <summary>
/// A value the checker computes: a parameter's value at one point of the space, a layer's
/// argument, a bound. Values are immutable and compare by value.
/// </summary>
public abstract record Value
{
    /// <summary>The value as a spec would write it.</summary>
    public abstract string Display { get; }

    /// <inheritdoc />
    public sealed override string ToString() => Display;

    /// <summary>The number this value holds, if it is an int or a float.</summary>
    public double? AsNumber => this switch
    {
        IntValue i => i.Value,
        FloatValue f => f.Value,
        _ => null,
    };

    internal static string FormatNumber(double value) =>
        Math.Abs(value) is >= 1e-4 and < 1e7 or 0
            ? value.ToString("0.##########", CultureInfo.InvariantCulture)
            : value.ToString("0.###e0", CultureInfo.InvariantCulture);
}
