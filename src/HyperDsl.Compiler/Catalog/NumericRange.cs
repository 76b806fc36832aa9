using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog;

/// <summary>An interval of allowed numbers; either end may be open or absent.</summary>
public sealed record NumericRange(double? Min, double? Max, bool MinExclusive = false, bool MaxExclusive = false)
{
    /// <summary>Whether <paramref name="value"/> lies in the interval.</summary>
    public bool Contains(double value) =>
        (Min is not { } min || (MinExclusive ? value > min : value >= min))
        && (Max is not { } max || (MaxExclusive ? value < max : value <= max));

    /// <summary>The interval as a person writes it: "at least 1", "in [0, 1)".</summary>
    public string Describe()
    {
        return (Min, Max) switch
        {
            ({ } min, { } max) => $"in {(MinExclusive ? "(" : "[")}{Value.FormatNumber(min)}, {Value.FormatNumber(max)}{(MaxExclusive ? ")" : "]")}",
            ({ } min, null) => MinExclusive ? $"greater than {Value.FormatNumber(min)}" : $"at least {Value.FormatNumber(min)}",
            (null, { } max) => MaxExclusive ? $"less than {Value.FormatNumber(max)}" : $"at most {Value.FormatNumber(max)}",
            _ => "any number",
        };
    }
}
