namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// Orders trials with several objectives best first: by non-dominated front (NSGA-II's fast
/// sort), and within a front by crowding distance (the most isolated first), so that any prefix
/// is the best-spread good set a multi-objective TPE can take.
/// </summary>
internal static class ParetoRanking
{
    public static List<TrialRecord> Order(List<TrialRecord> trials, IReadOnlyList<StudyDirection> directions)
    {
        var signs = directions.Select(d => d == StudyDirection.Minimize ? 1.0 : -1.0).ToArray();
        var values = trials.Select(t => t.Values!.Select((v, i) => signs[i] * v).ToArray()).ToArray();
        var result = new List<TrialRecord>(trials.Count);
        foreach (var front in Fronts(values))
        {
            var crowding = Crowding(front, values);
            result.AddRange(front.OrderByDescending(i => crowding[i]).ThenBy(i => trials[i].Number).Select(i => trials[i]));
        }

        return result;
    }

    private static List<List<int>> Fronts(double[][] values)
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

    // Values here are all "smaller is better".
    private static bool Dominates(double[] a, double[] b)
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

    private static Dictionary<int, double> Crowding(List<int> front, double[][] values)
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
