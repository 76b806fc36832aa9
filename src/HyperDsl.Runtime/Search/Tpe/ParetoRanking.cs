namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// Orders trials with several objectives best first: by non-dominated front (NSGA-II's fast
/// sort, <see cref="ParetoFronts"/>), and within a front by crowding distance (the most isolated first), so that any prefix
/// is the best-spread good set a multi-objective TPE can take.
/// </summary>
internal static class ParetoRanking
{
    public static List<TrialRecord> Order(List<TrialRecord> trials, IReadOnlyList<StudyDirection> directions)
    {
        var signs = directions.Select(d => d == StudyDirection.Minimize ? 1.0 : -1.0).ToArray();
        var values = trials.Select(t => t.Values!.Select((v, i) => signs[i] * v).ToArray()).ToArray();
        var result = new List<TrialRecord>(trials.Count);
        foreach (var front in ParetoFronts.Sort(values))
        {
            var crowding = ParetoFronts.Crowding(front, values);
            result.AddRange(front.OrderByDescending(i => crowding[i]).ThenBy(i => trials[i].Number).Select(i => trials[i]));
        }

        return result;
    }
}
