namespace HyperDsl.Runtime.Training.Checkpoints;

/// <summary>
/// The whole state of a training run after epoch <see cref="Epoch"/>: the model's parameters and
/// buffers, the optimizer's state, LibTorch's global generator (dropout) and the run's shuffling and
/// augmentation generators, early stopping's and the best-weights bookkeeping (with the best weights
/// kept in memory), and every finished epoch's metrics (the learning-rate schedule is a function of
/// the step and of those metrics, so it is replayed from them). Read from a file with
/// <see cref="CheckpointFile.Read"/>; it holds no native memory.
/// </summary>
public sealed class TrainingCheckpoint
{
    internal TrainingCheckpoint(CheckpointHeader header, IReadOnlyList<EpochMetrics> epochs, WatchState watch, IReadOnlyList<StoredTensor> model, byte[] optimizer, RandomState random, IReadOnlyList<StoredTensor>? best)
    {
        Header = header;
        Epochs = epochs;
        Watch = watch;
        Model = model;
        Optimizer = optimizer;
        Random = random;
        Best = best;
    }

    /// <summary>What the checkpoint belongs to (<see cref="CheckpointOptions.Owner"/>).</summary>
    public string Owner => Header.Owner;

    /// <summary>The last finished epoch (1-based): a resumed run goes on with the next one.</summary>
    public int Epoch => Header.Epoch;

    /// <summary>The training seed of the run that wrote it.</summary>
    public long Seed => Header.Seed;

    /// <summary>The metrics of epochs 1 to <see cref="Epoch"/>, as that run reported them.</summary>
    public IReadOnlyList<EpochMetrics> Epochs { get; }

    internal CheckpointHeader Header { get; }

    internal WatchState Watch { get; }

    internal IReadOnlyList<StoredTensor> Model { get; }

    internal byte[] Optimizer { get; }

    internal RandomState Random { get; }

    internal IReadOnlyList<StoredTensor>? Best { get; }

    /// <summary>Checks that this checkpoint is one of the run about to resume from it: same owner, epochs, batches per epoch and training images.</summary>
    internal void VerifyFits(string owner, int epochs, int stepsPerEpoch, int trainCount)
    {
        string? problem = Header.Owner != owner ? $"it belongs to '{Header.Owner}', not '{owner}'"
            : Header.TotalEpochs != epochs ? $"it was written by a run of {Header.TotalEpochs} epochs, not {epochs}"
            : Header.StepsPerEpoch != stepsPerEpoch || Header.TrainCount != trainCount ? $"it was written for {Header.TrainCount} training images in {Header.StepsPerEpoch} batches, not {trainCount} in {stepsPerEpoch}"
            : Header.Epoch > epochs ? $"its epoch {Header.Epoch} is past the run's {epochs}"
            : Epochs.Count != Header.Epoch ? $"it holds the metrics of {Epochs.Count} epochs, not {Header.Epoch}"
            : null;
        if (problem is not null)
        {
            throw new CheckpointException($"The checkpoint does not fit this run: {problem}.");
        }
    }
}

/// <summary>What identifies a checkpoint's run and position.</summary>
internal sealed record CheckpointHeader(string Owner, int Epoch, int TotalEpochs, int StepsPerEpoch, int TrainCount, long Seed);

/// <summary>The states (LibTorch's byte tensors) of the run's generators.</summary>
internal sealed record RandomState(byte[] Global, byte[] Shuffling, byte[] Augmenting);

/// <summary>The best-epoch bookkeeping of <see cref="ProgressWatch"/>.</summary>
internal sealed record WatchState(double? BestForWeights, double? BestForStopping, int EpochsWithoutImprovement);
