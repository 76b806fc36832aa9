namespace HyperDsl.Runtime.Training;

/// <summary>What the epoch callback tells the trainer.</summary>
public enum EpochDecision
{
    /// <summary>Train on.</summary>
    Continue,

    /// <summary>Stop now (a pruner's verdict); the trial ends cleanly as <see cref="TrainingOutcome.Stopped"/>.</summary>
    Stop,
}
