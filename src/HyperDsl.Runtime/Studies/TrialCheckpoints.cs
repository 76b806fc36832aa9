using System.Globalization;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training.Checkpoints;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// Where the trials of one study keep their checkpoints (<c>trial-N.ckpt</c> in <paramref name="folder"/>), how a trial's
/// checkpoint is recorded in the store (the system attribute <see cref="StudyAttributes.Checkpoint"/>), which checkpoint a
/// retry resumes from, and what is deleted when a trial finishes.
/// </summary>
internal sealed class TrialCheckpoints(IStudyStore store, string folder, int every, TimeSpan? interval, CheckpointRetention retention, string studyHash)
{
    /// <summary>Epochs between checkpoints (0: none are written, but a retry still resumes from its trial's last one).</summary>
    public int Every => every;

    /// <summary>Time after which a checkpoint is also written during an epoch; null: only at epochs' ends.</summary>
    public TimeSpan? Interval => interval;

    /// <summary>Whether trials write checkpoints at all.</summary>
    public bool Writes => every > 0 || interval is not null;

    public string PathOf(long trialNumber) => Path.Combine(folder, $"trial-{trialNumber.ToString(CultureInfo.InvariantCulture)}.ckpt");

    /// <summary>What a trial's checkpoints belong to: the study's spec and the trial whose configuration and seed it runs (the original, for a retry).</summary>
    public string OwnerOf(StoredTrial trial) =>
        $"{studyHash}#{(JsonValues.ReadLong(trial.UserAttributes, StudyAttributes.RetryOf) ?? trial.Number).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Records that <paramref name="trialId"/>'s checkpoint at <paramref name="path"/> now stands at <paramref name="position"/>.</summary>
    public void Record(long trialId, string path, CheckpointPosition position) =>
        store.SetTrialSystemAttribute(trialId, StudyAttributes.Checkpoint, JsonValues.Of(Position(position, "path", Path.GetFullPath(path))));

    /// <summary>A checkpoint's position as the store records it: <c>{"epoch": k}</c>, with <c>"step"</c> for one written during an epoch.</summary>
    public static Dictionary<string, object> Position(CheckpointPosition position, string key, object value)
    {
        var recorded = new Dictionary<string, object>(StringComparer.Ordinal) { [key] = value, ["epoch"] = position.Epoch };
        if (position.Step > 0)
        {
            recorded["step"] = position.Step;
        }

        return recorded;
    }

    /// <summary>
    /// The checkpoint a retry resumes from: the last one its original trial recorded, if the file is here and sound.
    /// Null for a trial that is no retry or whose original left none; <paramref name="problem"/> says why a recorded one cannot be used.
    /// </summary>
    public (StoredTrial Original, TrainingCheckpoint Checkpoint)? ResumeOf(StoredTrial trial, long studyId, out string? problem)
    {
        problem = null;
        if (JsonValues.ReadLong(trial.UserAttributes, StudyAttributes.RetryOf) is not { } number
            || store.Trials(studyId).FirstOrDefault(t => t.Number == number) is not { } original
            || PathIn(original) is not { } path)
        {
            return null;
        }

        try
        {
            return (original, CheckpointFile.Read(path));
        }
        catch (CheckpointException error)
        {
            problem = error.Message;
            return null;
        }
    }

    /// <summary>
    /// After a trial finished: deletes its checkpoint unless it can still be resumed (an interrupted or crashed trial, not yet
    /// retried) or the retention keeps it (<see cref="CheckpointRetention.Best"/> is settled by the study, which knows the best);
    /// a retry also deletes the checkpoint it resumed from, as no further retry can use it.
    /// </summary>
    public void Settle(StoredTrial finished, StoredTrial? resumedFrom)
    {
        if (resumedFrom is not null && PathIn(resumedFrom) is { } used)
        {
            Delete(used);
        }

        var resumable = finished.State == TrialState.Failed && JsonValues.IsTrue(finished.SystemAttributes, StudyAttributes.Recoverable)
            && !finished.UserAttributes.ContainsKey(StudyAttributes.RetryOf);
        var kept = finished.State is TrialState.Complete or TrialState.Pruned && retention != CheckpointRetention.None;
        if (!resumable && !kept && PathIn(finished) is { } own)
        {
            Delete(own);
        }
    }

    /// <summary>Deletes the checkpoints of finished trials that are not among <paramref name="best"/> (for <see cref="CheckpointRetention.Best"/>).</summary>
    public void KeepOnlyBest(IReadOnlyList<StoredTrial> trials, IReadOnlySet<int> best)
    {
        if (retention != CheckpointRetention.Best)
        {
            return;
        }

        foreach (var trial in trials.Where(t => t.State is TrialState.Complete or TrialState.Pruned && !best.Contains(t.Number)))
        {
            if (PathIn(trial) is { } path)
            {
                Delete(path);
            }
        }
    }

    // The checkpoint and any temporary file a process killed while writing it left beside it (CheckpointFile names them .{name}.*.tmp);
    // only the trial's own process writes its checkpoint, and that process is done.
    private static void Delete(string path)
    {
        File.Delete(path);
        if (Path.GetDirectoryName(path) is { } folder && Directory.Exists(folder))
        {
            foreach (var partial in Directory.GetFiles(folder, $".{Path.GetFileName(path)}.*.tmp"))
            {
                File.Delete(partial);
            }
        }
    }

    private static string? PathIn(StoredTrial trial) =>
        trial.SystemAttributes.TryGetValue(StudyAttributes.Checkpoint, out var json) && JsonValues.ReadObject(json).TryGetValue("path", out var path) && path is string text ? text : null;
}
