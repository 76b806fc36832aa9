using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// Stands between a generated <c>Sample</c> and a sampler: records each value with its
/// distribution for the store, and hands samplers the spec's own choices (numbers, booleans,
/// names) instead of generated enum members, so what samplers see, what the store keeps and what
/// a resumed study reads back are the same values.
/// </summary>
internal sealed class RecordingSuggestions : ITrialSuggestions
{
    private readonly ITrialSuggestions _inner;
    private readonly IReadOnlyDictionary<string, ParameterSpace> _space;
    private readonly List<(ParameterSpace Distribution, object Value)> _recorded = [];

    public RecordingSuggestions(ITrialSuggestions inner, IReadOnlyDictionary<string, ParameterSpace> space)
    {
        _inner = inner;
        _space = space;
    }

    /// <summary>What was asked for, in order, with the value given.</summary>
    public IReadOnlyList<(ParameterSpace Distribution, object Value)> Recorded => _recorded;

    /// <summary>The values by name.</summary>
    public IReadOnlyDictionary<string, object> Values => _recorded.ToDictionary(r => r.Distribution.Name, r => r.Value, StringComparer.Ordinal);

    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
    {
        var value = _inner.SuggestFloat(name, low, high, log, step);
        _recorded.Add((new FloatSpace(name, low, high, log, step, null), value));
        return value;
    }

    public long SuggestInt(string name, long low, long high, bool log = false, long step = 1)
    {
        var value = _inner.SuggestInt(name, low, high, log, step);
        _recorded.Add((new IntSpace(name, low, high, log, step, null), value));
        return value;
    }

    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var canonical = _space.TryGetValue(name, out var declared) && declared is CategoricalSpace { Choices.Count: var count } categorical && count == choices.Count
            ? categorical.Choices
            : [.. choices.Select(c => (object)c!)];
        var value = _inner.SuggestCategorical(name, canonical);
        var index = StoredValue.IndexOf(canonical, value);
        if (index < 0)
        {
            throw new InvalidOperationException($"The sampler gave '{name}' the value {value}, which is not one of its choices.");
        }

        _recorded.Add((new CategoricalSpace(name, canonical, null), canonical[index]));
        return choices[index];
    }
}
