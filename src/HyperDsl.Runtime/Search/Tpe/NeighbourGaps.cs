namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// Hyperopt's bandwidth rule: each kernel is as wide as the larger gap to its neighbours among
/// the sorted centres. Whether the range's ends count as neighbours of the outermost centres is
/// the caller's choice (Optuna 3.1's univariate rule leaves them out).
/// </summary>
internal static class NeighbourGaps
{
    /// <summary>One width per centre, in the centres' order.</summary>
    public static double[] Of(double[] centres, double low, double high, bool rangeEnds)
    {
        var n = centres.Length;
        var widths = new double[n];
        if (n == 1)
        {
            widths[0] = high - low;
            return widths;
        }

        var order = new int[n];
        var keys = (double[])centres.Clone();
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        var withEnds = new double[n + 2];
        withEnds[0] = low;
        withEnds[^1] = high;
        for (var i = 0; i < n; i++)
        {
            withEnds[i + 1] = centres[order[i]];
        }

        for (var i = 0; i < n; i++)
        {
            widths[order[i]] = Math.Max(withEnds[i + 1] - withEnds[i], withEnds[i + 2] - withEnds[i + 1]);
        }

        if (!rangeEnds)
        {
            widths[order[0]] = withEnds[2] - withEnds[1];
            widths[order[^1]] = withEnds[^2] - withEnds[^3];
        }

        return widths;
    }
}
