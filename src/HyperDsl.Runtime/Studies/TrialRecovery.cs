using System.Diagnostics;
using System.Globalization;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// Finds trials left running by processes that died (no heartbeat, or a process on this machine
/// that no longer exists; trials paused at a rung are not theirs), fails them with the reason, and queues each such configuration (and
/// each interrupted one) to run once more.
/// </summary>
internal sealed class TrialRecovery(IStudyStore store)
{
    /// <summary>This process, as recorded on the trials it runs.</summary>
    public static string ThisWorker { get; } = WorkerId(Environment.ProcessId);

    /// <summary>What a stale trial's failure says; a trial failed so is recoverable even if the run that failed it stopped before queueing it again.</summary>
    public const string StaleReason = "no heartbeat";

    public int Recover(long studyId, TimeSpan staleAfter)
    {
        store.FailStaleTrials(studyId, staleAfter, $"{StaleReason} for {staleAfter.TotalSeconds:0} s: the process running it stopped");
        foreach (var orphan in store.Trials(studyId).Where(t => t.State == TrialState.Running && !IsPaused(t) && IsDeadLocalWorker(JsonValues.ReadString(t.SystemAttributes, StudyAttributes.Worker))))
        {
            try
            {
                store.SetTrialSystemAttribute(orphan.Id, StudyAttributes.Recoverable, "true");
                store.FinishTrial(orphan.Id, TrialState.Failed, failReason: "the process running it stopped (it no longer exists)");
            }
            catch (StudyStoreException)
            {
                // Someone else ended it first.
            }
        }

        var trials = store.Trials(studyId);
        var retried = RetriedNumbers(trials);
        var requeued = 0;
        foreach (var failed in trials.Where(t => t.State == TrialState.Failed && IsRecoverable(t) && !retried.Contains(t.Number)
            && !t.UserAttributes.ContainsKey(StudyAttributes.RetryOf) && t.Parameters.Count > 0))
        {
            // A configuration runs again once: a retry that fails the same way is not retried. Workers
            // recovering at the same moment all see the failed trial, so the retry is queued together
            // with a study marker for its number, in one transaction: one of them queues it.
            var attributes = new Dictionary<string, string>
            {
                [StudyAttributes.Origin] = JsonValues.Of("retry"),
                [StudyAttributes.RetryOf] = JsonValues.Of(failed.Number),
            };
            if (store.EnqueueTrialsOnce(studyId, StudyAttributes.RetryQueuedPrefix + failed.Number.ToString(CultureInfo.InvariantCulture), [(failed.Parameters, attributes)]))
            {
                requeued++;
            }
        }

        return requeued;
    }

    /// <summary>
    /// Members of a population-based study (user attribute <c>pbt_schedule</c>) that a process on this machine left running when it
    /// died (killed while a member trained) are paused again rather than failed, so the next run resumes the population: at the
    /// epoch of the checkpoint the member recorded (the population reads it back), or before its first epoch when it has none.
    /// Runs before <see cref="Recover"/>, which would fail them. Returns how many.
    /// </summary>
    public int PauseOrphanedMembers(long studyId)
    {
        var paused = 0;
        foreach (var orphan in store.Trials(studyId).Where(t => t.State == TrialState.Running && !IsPaused(t) && t.UserAttributes.ContainsKey(Population.MemberStretch.Key)
            && IsDeadLocalWorker(JsonValues.ReadString(t.SystemAttributes, StudyAttributes.Worker))))
        {
            var epoch = orphan.SystemAttributes.TryGetValue(StudyAttributes.Checkpoint, out var json) && JsonValues.ReadObject(json).TryGetValue("epoch", out var recorded) && recorded is long e ? Math.Max(1, e) : 0;
            store.SetTrialSystemAttribute(orphan.Id, StudyAttributes.PausedAtRung, JsonValues.Of(epoch));
            paused++;
        }

        return paused;
    }

    /// <summary>The numbers of the trials that a queued (or later) trial re-runs.</summary>
    public static HashSet<long> RetriedNumbers(IEnumerable<StoredTrial> trials) =>
        [.. trials.Select(t => JsonValues.ReadLong(t.UserAttributes, StudyAttributes.RetryOf)).OfType<long>()];

    /// <summary>
    /// Whether a running trial is paused at a rung of a promoting ASHA: no process runs it (so it has no heartbeat and its worker
    /// may be gone), and whichever worker promotes it resumes it from its checkpoint, so it is neither stale nor orphaned.
    /// </summary>
    public static bool IsPaused(StoredTrial trial) => JsonValues.ReadLong(trial.SystemAttributes, StudyAttributes.PausedAtRung) is not null;

    private static bool IsRecoverable(StoredTrial trial) =>
        JsonValues.IsTrue(trial.SystemAttributes, StudyAttributes.Recoverable)
        || (JsonValues.ReadString(trial.SystemAttributes, "fail_reason")?.StartsWith(StaleReason, StringComparison.Ordinal) ?? false);

    private static string WorkerId(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return $"{Environment.MachineName}:{pid}:{process.StartTime.ToUniversalTime().Ticks}";
    }

    private static bool IsDeadLocalWorker(string? worker)
    {
        if (worker is null || worker == ThisWorker)
        {
            return false;
        }

        var parts = worker.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid) || !long.TryParse(parts[2], out var started))
        {
            return false;
        }

        try
        {
            // A process's start time is derived from the boot time, which .NET recomputes on each
            // read, so two readings differ slightly: the same start within a second is the same process.
            using var process = Process.GetProcessById(pid);
            return Math.Abs(process.StartTime.ToUniversalTime().Ticks - started) > TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
