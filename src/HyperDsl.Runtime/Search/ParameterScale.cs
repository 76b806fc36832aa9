namespace HyperDsl.Runtime.Search;

/// <summary>
/// The arithmetic of parameter ranges that every sampler shares, so that they agree on which
/// values a range holds (its step grid, its log scale).
/// </summary>
internal static class ParameterScale
{
    /// <summary>How many values low, low + step, ... ≤ high there are (high is reached within rounding error).</summary>
    public static long StepCount(double low, double high, double step) => (long)Math.Floor(((high - low) / step) + 1e-9) + 1;

    /// <summary>The value at fraction <paramref name="u"/> ∈ [0, 1) of a continuous range, on a log scale or not.</summary>
    public static double Continuous(double u, double low, double high, bool log) =>
        log ? Math.Exp(Math.Log(low) + (u * (Math.Log(high) - Math.Log(low)))) : low + (u * (high - low));

    /// <summary>
    /// The integer at fraction <paramref name="u"/> of a log-scale integer range: uniform in log space
    /// over [low - 0.5, high + 0.5], rounded, so each integer gets its share of the log scale.
    /// </summary>
    public static long LogInt(double u, long low, long high)
    {
        var value = Math.Exp(Math.Log(low - 0.5) + (u * (Math.Log(high + 0.5) - Math.Log(low - 0.5))));
        return Math.Clamp((long)Math.Round(value), low, high);
    }

    /// <summary>Which of <paramref name="count"/> equal bins fraction <paramref name="u"/> falls in.</summary>
    public static long Bin(double u, long count) => Math.Min((long)(u * count), count - 1);
}
