namespace HyperDsl.Runtime.Training.Checkpoints;

/// <summary>
/// Where a training run writes its checkpoints, how often, and which checkpoint it continues from.
/// A checkpoint holds the run's whole state after an epoch (see <see cref="TrainingCheckpoint"/>), so a
/// run resumed from it (in this process or another) goes on exactly as the uninterrupted run would have.
/// </summary>
public sealed record CheckpointOptions
{
    /// <summary>The file each checkpoint replaces (written to a temporary file beside it, then renamed over it).</summary>
    public required string Path { get; init; }

    /// <summary>Write after every this many epochs; 0 writes only when the epoch callback pauses the run (<see cref="EpochDecision.Pause"/>).</summary>
    public int Every { get; init; } = 1;

    /// <summary>What the checkpoint belongs to (a study's trial); a checkpoint written for another owner is refused on resume.</summary>
    public string Owner { get; init; } = "";

    /// <summary>The checkpoint to continue from, read with <see cref="CheckpointFile.Read"/>; null starts at epoch 1.</summary>
    public TrainingCheckpoint? ResumeFrom { get; init; }

    /// <summary>
    /// Also write during an epoch, after the first step that ends this long after the last checkpoint (for long epochs);
    /// null: only at epochs' ends. A run resumed from such a checkpoint finishes that epoch from the next step.
    /// </summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>Called with the checkpoint's position after each checkpoint has been written (and renamed into place).</summary>
    public Action<CheckpointPosition>? Written { get; init; }
}
