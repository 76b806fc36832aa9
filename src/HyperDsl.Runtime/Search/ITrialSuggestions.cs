namespace HyperDsl.Runtime.Search;

/// <summary>
/// What a sampler offers one trial: a value for each parameter the trial asks about, in the
/// order it asks. Generated <c>Sample</c> methods call it once per active parameter, so a
/// conditional parameter is only asked for where its condition holds.
/// </summary>
public interface ITrialSuggestions
{
    /// <summary>A float in [<paramref name="low"/>, <paramref name="high"/>], on a log scale or quantized by <paramref name="step"/>.</summary>
    double SuggestFloat(string name, double low, double high, bool log = false, double? step = null);

    /// <summary>An int from <paramref name="low"/> to <paramref name="high"/> inclusive.</summary>
    long SuggestInt(string name, long low, long high, bool log = false, long step = 1);

    /// <summary>One of <paramref name="choices"/>.</summary>
    T SuggestCategorical<T>(string name, IReadOnlyList<T> choices);
}
