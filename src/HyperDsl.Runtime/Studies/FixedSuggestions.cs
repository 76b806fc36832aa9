using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// Suggestions that replay given values (a <c>try</c> point, a re-queued configuration, a
/// warm-started trial); a parameter the values do not name is left to <paramref name="fallback"/>,
/// or, with none, marks the point as not fitting (<see cref="Missing"/>).
/// </summary>
internal sealed class FixedSuggestions(IReadOnlyDictionary<string, object> values, ITrialSuggestions? fallback) : ITrialSuggestions
{
    /// <summary>Parameters the point did not give and no fallback could.</summary>
    public List<string> Missing { get; } = [];

    /// <summary>Given values that lie outside what the space asks for.</summary>
    public List<string> OutOfRange { get; } = [];

    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
    {
        if (!values.TryGetValue(name, out var given) || !StoredValue.TryNumber(given, out var number))
        {
            return fallback?.SuggestFloat(name, low, high, log, step) ?? Missed(name, low);
        }

        if (number < low || number > high || (step is { } s && Math.Abs(Math.Round((number - low) / s) * s + low - number) > 1e-9 * Math.Max(1, Math.Abs(number))))
        {
            OutOfRange.Add(name);
        }

        return number;
    }

    public long SuggestInt(string name, long low, long high, bool log = false, long step = 1)
    {
        if (!values.TryGetValue(name, out var given) || !StoredValue.TryNumber(given, out var number))
        {
            return fallback?.SuggestInt(name, low, high, log, step) ?? (long)Missed(name, low);
        }

        var whole = (long)Math.Round(number);
        if (whole != number || whole < low || whole > high || (whole - low) % step != 0)
        {
            OutOfRange.Add(name);
        }

        return whole;
    }

    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (!values.TryGetValue(name, out var given))
        {
            return fallback is null ? Missed(name, choices[0]) : fallback.SuggestCategorical(name, choices);
        }

        var index = StoredValue.IndexOf(choices, given);
        if (index < 0 && StoredValue.TryNumber(given, out var number))
        {
            // 1 and 1.0 name the same choice, whichever way the store or the spec wrote it.
            index = choices.Select((c, i) => (c, i)).FirstOrDefault(p => StoredValue.TryNumber(p.c, out var n) && n == number, (default!, -1)).Item2;
        }

        if (index < 0)
        {
            OutOfRange.Add(name);
            return choices[0];
        }

        return choices[index];
    }

    private TValue Missed<TValue>(string name, TValue placeholder)
    {
        Missing.Add(name);
        return placeholder;
    }
}
