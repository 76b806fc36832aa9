using System.Globalization;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// Writes a double as Python's <c>repr</c> (and so <c>json.dumps</c>) does, so that what HyperDsl
/// writes into Optuna's JSON columns is byte for byte what Optuna writes for the same value, and a
/// float always reads back as a float (<c>1.0</c>, never <c>1</c>).
/// </summary>
internal static class PythonFloat
{
    public static string Repr(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }

        var sign = double.IsNegative(value) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }

        // Both .NET's "R" and Python's repr give the shortest digits that round-trip; only the layout differs.
        var (digits, exponent) = ShortestDigits(Math.Abs(value));
        if (exponent < -4 || exponent >= 16)
        {
            var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }

        if (exponent < 0)
        {
            return $"{sign}0.{new string('0', -exponent - 1)}{digits}";
        }

        var whole = exponent + 1;
        return digits.Length <= whole
            ? $"{sign}{digits.PadRight(whole, '0')}.0"
            : $"{sign}{digits[..whole]}.{digits[whole..]}";
    }

    /// <summary>The significant digits d1d2... and the exponent x with value = d1.d2... × 10^x.</summary>
    private static (string Digits, int Exponent) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var digits = dot < 0 ? text : whole + text[(dot + 1)..];
        var point = whole.Length + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits[leading..].TrimEnd('0');
        return (digits, point - leading - 1);
    }
}
