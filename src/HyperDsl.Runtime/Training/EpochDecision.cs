namespace HyperDsl.Runtime.Training;

/// <summary>What the epoch callback tells the trainer.</summary>
public enum EpochDecision
{
    /// <summary>Train on.</summary>
    Continue,

    /// <summary>Stop now (a pruner's verdict); the trial ends cleanly as <see cref="TrainingOutcome.Stopped"/>.</summary>
    Stop,

    /// <summary>
    /// Stop now and write a checkpoint (<see cref="TrainingOptions.Checkpoint"/>) to resume from later, in this process or
    /// another; the run ends as <see cref="TrainingOutcome.Paused"/>. What a promoting scheduler (ASHA, PBT) asks for at a rung.
    /// </summary>
    Pause,
}
