namespace HyperDsl.Runtime.Search;

/// <summary>
/// NSGA-II's two orderings of points with several objectives, all minimised: the fast
/// non-dominated sort into fronts, and the crowding distance within a front. Multi-objective TPE
/// takes its good set and NSGA-II its parents by them.
/// </summary>
internal static class ParetoFronts
{
    /// <summary>The indices of <paramref name="values"/> front by front: the first front is dominated by none, each next one only by earlier fronts.</summary>
    public static List<List<int>> Sort(double[][] values)
    {
        var n = values.Length;
        var dominatedBy = new int[n];
        var dominates = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (Dominates(values[i], values[j]))
                {
                    dominates[i].Add(j);
                    dominatedBy[j]++;
                }
                else if (Dominates(values[j], values[i]))
                {
                    dominates[j].Add(i);
                    dominatedBy[i]++;
                }
            }
        }

        var fronts = new List<List<int>>();
        var current = Enumerable.Range(0, n).Where(i => dominatedBy[i] == 0).ToList();
        while (current.Count > 0)
        {
            fronts.Add(current);
            var next = new List<int>();
            foreach (var i in current)
            {
                foreach (var j in dominates[i])
                {
                    if (--dominatedBy[j] == 0)
                    {
                        next.Add(j);
                    }
                }
            }

            current = next;
        }

        return fronts;
    }

    /// <summary>Whether <paramref name="a"/> is no worse than <paramref name="b"/> in every objective and better in one (smaller is better).</summary>
    public static bool Dominates(double[] a, double[] b)
    {
        var strictly = false;
        for (var k = 0; k < a.Length; k++)
        {
            if (a[k] > b[k])
            {
                return false;
            }

            strictly |= a[k] < b[k];
        }

        return strictly;
    }

    /// <summary>
    /// Each front member's crowding distance: the sum over objectives of the gap between its two
    /// neighbours, as a share of the front's span; the extremes (and fronts of two) are infinite.
    /// </summary>
    public static Dictionary<int, double> Crowding(List<int> front, double[][] values)
    {
        var distance = front.ToDictionary(i => i, _ => 0.0);
        if (front.Count <= 2)
        {
            foreach (var i in front)
            {
                distance[i] = double.PositiveInfinity;
            }

            return distance;
        }

        for (var k = 0; k < values[front[0]].Length; k++)
        {
            var sorted = front.OrderBy(i => values[i][k]).ToList();
            var span = values[sorted[^1]][k] - values[sorted[0]][k];
            distance[sorted[0]] = distance[sorted[^1]] = double.PositiveInfinity;
            if (span <= 0)
            {
                continue;
            }

            for (var p = 1; p < sorted.Count - 1; p++)
            {
                distance[sorted[p]] += (values[sorted[p + 1]][k] - values[sorted[p - 1]][k]) / span;
            }
        }

        return distance;
    }
}
