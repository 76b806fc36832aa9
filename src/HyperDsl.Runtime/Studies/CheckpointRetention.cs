namespace HyperDsl.Runtime.Studies;

/// <summary>What happens to a trial's checkpoint when the trial has finished (a trial that can still be resumed keeps its checkpoint).</summary>
public enum CheckpointRetention
{
    /// <summary>Deleted: checkpoints only serve resuming (the default).</summary>
    None,

    /// <summary>Each trial keeps its last checkpoint.</summary>
    Last,

    /// <summary>Only the study's best trials (the Pareto front with several objectives) keep their last checkpoint.</summary>
    Best,
}
