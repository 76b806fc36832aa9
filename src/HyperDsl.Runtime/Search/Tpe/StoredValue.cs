using System.Globalization;

namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// Reads a parameter's value back from a trial. A store may hand it back as another type than it
/// was suggested as (a long as a double, an enum as its name), so numbers convert and choices
/// also match by invariant text.
/// </summary>
internal static class StoredValue
{
    public static bool TryNumber(object? value, out double number)
    {
        (var ok, number) = value switch
        {
            double d => (true, d),
            long l => (true, l),
            string => (false, double.NaN),
            IConvertible c => (true, c.ToDouble(CultureInfo.InvariantCulture)),
            _ => (false, double.NaN),
        };
        return ok;
    }

    /// <summary>The index of <paramref name="value"/> among <paramref name="choices"/>, or -1.</summary>
    public static int IndexOf<T>(IReadOnlyList<T> choices, object value)
    {
        if (value is T typed)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (EqualityComparer<T>.Default.Equals(choices[i], typed))
                {
                    return i;
                }
            }
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture);
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(Convert.ToString(choices[i], CultureInfo.InvariantCulture), text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
