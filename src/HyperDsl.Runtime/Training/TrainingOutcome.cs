namespace HyperDsl.Runtime.Training;

/// <summary>How a training run ended.</summary>
public enum TrainingOutcome
{
    /// <summary>All epochs ran.</summary>
    Completed,

    /// <summary>The epoch callback asked to stop.</summary>
    Stopped,

    /// <summary>Early stopping ended it.</summary>
    StoppedEarly,

    /// <summary>The loss became NaN or infinite; <see cref="TrainingResult.Failure"/> says where.</summary>
    Failed,

    /// <summary>The epoch callback paused it (<see cref="EpochDecision.Pause"/>) and its checkpoint was written; no test split was evaluated.</summary>
    Paused,
}
