using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Studies;

/// <summary>The best trials of a study: the best one for one objective, the Pareto front for several (as Optuna's <c>best_trials</c>).</summary>
public static class BestTrials
{
    /// <summary>The best complete trials, by number.</summary>
    public static IReadOnlyList<StoredTrial> Of(IReadOnlyList<StoredTrial> trials, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(directions);
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Values is { } v && v.Count == directions.Count).ToList();
        if (complete.Count == 0)
        {
            return [];
        }

        if (directions.Count == 1)
        {
            var sign = directions[0] == StudyDirection.Maximize ? -1 : 1;
            return [complete.OrderBy(t => sign * t.Values![0]).ThenBy(t => t.Number).First()];
        }

        return [.. complete.Where(t => !complete.Any(other => Dominates(other.Values!, t.Values!, directions))).OrderBy(t => t.Number)];
    }

    /// <summary>Whether <paramref name="a"/> is at least as good as <paramref name="b"/> on every objective and better on one.</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(directions);
        var better = false;
        for (var i = 0; i < directions.Count; i++)
        {
            var (x, y) = directions[i] == StudyDirection.Maximize ? (-a[i], -b[i]) : (a[i], b[i]);
            if (x > y)
            {
                return false;
            }

            better |= x < y;
        }

        return better;
    }
}
