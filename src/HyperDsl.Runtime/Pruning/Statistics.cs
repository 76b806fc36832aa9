namespace HyperDsl.Runtime.Pruning;

/// <summary>Order statistics the pruners share.</summary>
internal static class Statistics
{
    /// <summary>The <paramref name="percent"/>-th percentile with linear interpolation between ranks (NumPy's default).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = percent / 100.0 * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }
}
