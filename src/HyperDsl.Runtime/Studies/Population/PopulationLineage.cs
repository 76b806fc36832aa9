using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Studies.Population;

/// <summary>
/// The hyperparameter schedule that produced a member's final weights: its own stretches back to the last time it took over
/// another member's state, and before that the donor's schedule up to the epoch it was taken at, followed back the same way.
/// That is the schedule one trial would follow to replay the member (epoch by epoch, the values its weights were trained with).
/// </summary>
public static class PopulationLineage
{
    /// <summary>The study user attribute holding the best member's lineage: <c>{"trial": n, "schedule": [stretches]}</c>.</summary>
    public const string BestKey = "pbt_best_schedule";

    /// <summary>The lineage of member <paramref name="trial"/>, oldest stretch first; <paramref name="schedules"/> holds every member's stretches.</summary>
    public static IReadOnlyList<MemberStretch> Of(int trial, IReadOnlyDictionary<int, IReadOnlyList<MemberStretch>> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var lineage = new List<MemberStretch>();
        var member = trial;
        var upTo = int.MaxValue;

        // Walks back through the copies; each step goes to an earlier epoch, so it ends.
        while (schedules.TryGetValue(member, out var stretches))
        {
            var trained = stretches.Where(s => s.FromEpoch <= upTo).ToList();
            var copy = trained.FindLastIndex(s => s.CopiedFrom is not null);
            lineage.InsertRange(0, copy < 0 ? trained : trained.Skip(copy));
            if (copy < 0)
            {
                break;
            }

            member = trained[copy].CopiedFrom!.Value;
            upTo = trained[copy].FromEpoch - 1;
        }

        return lineage;
    }

    /// <summary>
    /// The lineage stored in <see cref="BestKey"/> of the newest version of <paramref name="studyName"/> that has one (a finished PBT
    /// run), or null when none has.
    /// </summary>
    public static IReadOnlyList<MemberStretch>? StoredBest(IStudyStore store, string studyName)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var version in store.StudyVersions(studyName).Reverse())
        {
            if (store.StudyUserAttributes(version.StudyId).TryGetValue(BestKey, out var json)
                && OptunaJson.Parse(json) is Dictionary<string, object?> best && best.TryGetValue("schedule", out var schedule) && schedule is not null)
            {
                var stretches = MemberStretch.Read(new Dictionary<string, string> { [MemberStretch.Key] = OptunaJson.Write(schedule) });
                return stretches.Count > 0 ? stretches : null;
            }
        }

        return null;
    }
}
