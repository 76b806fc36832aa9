namespace HyperDsl.Runtime.Search;

/// <summary>Where a trial stands; the values match Optuna's trial states.</summary>
public enum TrialState
{
    /// <summary>Still training.</summary>
    Running,

    /// <summary>Finished, with a value.</summary>
    Complete,

    /// <summary>Stopped early by a pruner.</summary>
    Pruned,

    /// <summary>Failed (an exception, a NaN loss, ...).</summary>
    Failed,

    /// <summary>Queued with fixed parameters (a <c>try</c> point or a re-queued configuration), not started yet.</summary>
    Waiting,
}
