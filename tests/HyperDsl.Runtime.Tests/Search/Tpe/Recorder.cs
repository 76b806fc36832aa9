using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Tests.Search.Tpe;

/// <summary>Passes suggestions through and keeps them, as a study keeps a trial's parameters.</summary>
internal sealed class Recorder(ITrialSuggestions inner) : ITrialSuggestions
{
    public Dictionary<string, object> Values { get; } = [];

    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        (double)(Values[name] = inner.SuggestFloat(name, low, high, log, step));

    public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) =>
        (long)(Values[name] = inner.SuggestInt(name, low, high, log, step));

    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) =>
        (T)(Values[name] = inner.SuggestCategorical(name, choices)!);
}
