using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Studies.Population;

/// <summary>
/// PBT's explore step, as suggestions to the generated <c>Sample</c>: each parameter the point asks for starts from the donor's
/// value and moves within the domain the spec gives it (the bounds, log scale and step of that call): a number is multiplied by
/// 0.8 or 1.2 (an int on a linear scale moves one step; one that would not move on its grid moves one step), a choice goes to a
/// neighbouring choice. With probability <paramref name="resample"/>, and for a parameter the donor did not have (its <c>when</c>
/// condition just became true), the value is drawn from <paramref name="fallback"/> instead. Because <c>Sample</c> asks only for
/// the parameters whose conditions hold, the perturbed point respects the conditions; the caller checks the constraints.
/// </summary>
internal sealed class PerturbingSuggestions(IReadOnlyDictionary<string, object> donor, ITrialSuggestions fallback, Random random, double resample) : ITrialSuggestions
{
    /// <summary>The factors a number is multiplied by, one drawn per parameter.</summary>
    public static IReadOnlyList<double> Factors { get; } = [0.8, 1.2];

    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
    {
        if (!Starts(name, out var given) || !StoredValue.TryNumber(given, out var value))
        {
            return fallback.SuggestFloat(name, low, high, log, step);
        }

        var moved = value * Factor();
        if (step is { } s)
        {
            var last = ParameterScale.StepCount(low, high, s) - 1;
            return Math.Round(low + (Math.Clamp(Math.Round((moved - low) / s), 0, last) * s), 12);
        }

        return Math.Clamp(moved, low, high);
    }

    public long SuggestInt(string name, long low, long high, bool log = false, long step = 1)
    {
        if (!Starts(name, out var given) || !StoredValue.TryNumber(given, out var number))
        {
            return fallback.SuggestInt(name, low, high, log, step);
        }

        var value = (long)Math.Round(number);
        var factor = Factor();
        var target = log ? value * factor : value + (factor > 1 ? step : -step);
        var moved = low + ((long)Math.Round((target - low) / step) * step);
        if (moved == value)
        {
            moved += factor > 1 ? step : -step;
        }

        var top = low + ((high - low) / step * step);
        return Math.Clamp(moved, low, top);
    }

    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var index = Starts(name, out var given) ? StoredValue.IndexOf(choices, given) : -1;
        if (index < 0)
        {
            return fallback.SuggestCategorical(name, choices);
        }

        var neighbours = new[] { index - 1, index + 1 }.Where(i => i >= 0 && i < choices.Count).ToList();
        return neighbours.Count == 0 ? choices[index] : choices[neighbours[random.Next(neighbours.Count)]];
    }

    // Whether the parameter starts from the donor's value (else it is drawn afresh); one draw of the resampling coin per parameter.
    private bool Starts(string name, out object given) =>
        donor.TryGetValue(name, out given!) & !(random.NextDouble() < resample);

    private double Factor() => Factors[random.Next(Factors.Count)];
}
