namespace HyperDsl.Runtime.Studies;

/// <summary>The attribute keys HyperDsl writes on studies and trials; Optuna shows them and ignores their meaning.</summary>
public static class StudyAttributes
{
    /// <summary>System: the study hash of the spec a trial was made under.</summary>
    public const string SpecHash = "hyperdsl:spec_hash";

    /// <summary>System: the process running the trial (<c>host:pid:start</c>).</summary>
    public const string Worker = "hyperdsl:worker";

    /// <summary>The text of a string attribute (its JSON decoded), or null when it is missing or not a string.</summary>
    public static string? Text(IReadOnlyDictionary<string, string> attributes, string key)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return JsonValues.ReadString(attributes, key);
    }

    /// <summary>This process as trials record it (<c>host:pid:start</c>).</summary>
    public static string WorkerName => TrialRecovery.ThisWorker;

    /// <summary>System: the trial's training seed.</summary>
    public const string Seed = "hyperdsl:seed";

    /// <summary>System: the trial failed through no fault of its configuration (its process died, or the user interrupted it), so it runs again once.</summary>
    public const string Recoverable = "hyperdsl:recoverable";

    /// <summary>System: the <c>try</c> points were queued for this study version.</summary>
    public const string TryPointsQueued = "hyperdsl:try_points_queued";

    /// <summary>System: the grid's points were queued for this study version.</summary>
    public const string GridQueued = "hyperdsl:grid_queued";

    /// <summary>System (study): the prefix of the marker, followed by a trial's number, set when that trial's retry was queued; workers recovering at once queue one retry.</summary>
    public const string RetryQueuedPrefix = "hyperdsl:retry_queued:";

    /// <summary>User: the number of the trial a queued trial re-runs.</summary>
    public const string RetryOf = "retry_of";

    /// <summary>User: where a queued trial came from (<c>try</c>, <c>grid</c>, <c>retry</c>).</summary>
    public const string Origin = "origin";

    /// <summary>User: the trial a warm-started trial was copied from (<c>study#number</c>).</summary>
    public const string WarmStartFrom = "warm_start_from";

    /// <summary>User: where the weights of the trial's best epoch were saved; only the study's current best keep theirs on disk.</summary>
    public const string Weights = "weights";

    /// <summary>User: the built model's trainable parameter count, as the checker counts it (<c>model.params</c>).</summary>
    public const string ModelParams = "model.params";

    /// <summary>User: the built model's forward FLOPs per sample, as the checker counts them (<c>model.flops</c>).</summary>
    public const string ModelFlops = "model.flops";

    /// <summary>User: epochs trained.</summary>
    public const string Epochs = "epochs";

    /// <summary>User: the per-epoch metrics of the last epoch (JSON object).</summary>
    public const string Metrics = "metrics";

    /// <summary>Optuna's system attribute with an enqueued trial's values.</summary>
    public const string FixedParams = "fixed_params";

    /// <summary>System: the trial's last checkpoint, <c>{"path": file, "epoch": k}</c>; the file is deleted as the retention says when the trial is done.</summary>
    public const string Checkpoint = "hyperdsl:checkpoint";

    /// <summary>System: the checkpoint a retry resumed from, <c>{"trial": number, "epoch": k}</c>: epochs 1 to k were trained by that trial, not this one.</summary>
    public const string ResumedFrom = "hyperdsl:resumed_from";

    /// <summary>System: why a retry could not resume from its trial's checkpoint and trained from the start.</summary>
    public const string ResumeFailed = "hyperdsl:resume_failed";

    /// <summary>
    /// System: the rung's epoch a trial of a promoting ASHA (<c>asha(promote: true)</c>) is paused at, its checkpoint written, waiting to be
    /// promoted; JSON <c>null</c> once it was promoted (or pruned at the study's end). A paused trial stays RUNNING (Optuna's WAITING means not started yet, and a waiting
    /// trial would be claimed as a queued one); stale-trial recovery passes it over, and the study ends it as PRUNED if it is never promoted.
    /// </summary>
    public const string PausedAtRung = "hyperdsl:paused_at_rung";

    /// <summary>User: the epochs this trial trained itself (set on a resumed retry: its <see cref="Epochs"/> less those it resumed with).</summary>
    public const string EpochsTrained = "epochs_trained";
}
