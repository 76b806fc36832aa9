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
    internal TrainingCheckpoint(CheckpointHeader header, IReadOnlyList<EpochMetrics> epochs, WatchState watch, IReadOnlyList<StoredTensor> model, IReadOnlyList<StoredTensor> optimizer, RandomState random, IReadOnlyList<StoredTensor>? best, PartialEpoch? partial = null)
    {
        Partial = partial;
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

    /// <summary>The last finished epoch (1-based; 0 when written during the first): a resumed run goes on with the next one.</summary>
    public int Epoch => Header.Epoch;

    /// <summary>The steps of the next epoch already trained (a checkpoint written during an epoch, <see cref="CheckpointOptions.Interval"/>); 0 at an epoch's end.</summary>
    public int Step => Partial?.Steps ?? 0;

    /// <summary>Where the checkpoint stands.</summary>
    public CheckpointPosition Position => new(Epoch, Step);

    /// <summary>The training seed of the run that wrote it.</summary>
    public long Seed => Header.Seed;

    /// <summary>The metrics of epochs 1 to <see cref="Epoch"/>, as that run reported them.</summary>
    public IReadOnlyList<EpochMetrics> Epochs { get; }

    internal CheckpointHeader Header { get; }

    internal WatchState Watch { get; }

    internal IReadOnlyList<StoredTensor> Model { get; }

    /// <summary>The optimizer's state as HyperDsl's optimizers name it (<see cref="Optimizers.TrainingOptimizer.SaveState"/>).</summary>
    internal IReadOnlyList<StoredTensor> Optimizer { get; }

    internal RandomState Random { get; }

    internal IReadOnlyList<StoredTensor>? Best { get; }

    internal PartialEpoch? Partial { get; }

    /// <summary>
    /// The same state, as a checkpoint of <paramref name="owner"/>'s run: population-based training hands one member's whole
    /// training state to another, which resumes it as its own.
    /// </summary>
    internal TrainingCheckpoint OwnedBy(string owner) => new(Header with { Owner = owner }, Epochs, Watch, Model, Optimizer, Random, Best, Partial);

    /// <summary>Checks that this checkpoint is one of the run about to resume from it: same owner, epochs, batches per epoch and training images.</summary>
    internal void VerifyFits(string owner, int epochs, int stepsPerEpoch, int trainCount)
    {
        string? problem = Header.Owner != owner ? $"it belongs to '{Header.Owner}', not '{owner}'"
            : Header.TotalEpochs != epochs ? $"it was written by a run of {Header.TotalEpochs} epochs, not {epochs}"
            : Header.StepsPerEpoch != stepsPerEpoch || Header.TrainCount != trainCount ? $"it was written for {Header.TrainCount} training images in {Header.StepsPerEpoch} batches, not {trainCount} in {stepsPerEpoch}"
            : Header.Epoch > epochs ? $"its epoch {Header.Epoch} is past the run's {epochs}"
            : Epochs.Count != Header.Epoch ? $"it holds the metrics of {Epochs.Count} epochs, not {Header.Epoch}"
            : Partial is { } partial && (partial.Steps >= stepsPerEpoch || Header.Epoch >= epochs) ? $"it stands at step {partial.Steps} of epoch {Header.Epoch + 1}, which this run of {epochs} epochs of {stepsPerEpoch} steps does not have"
            : Partial is { } order && (order.Order.Type != TorchSharp.torch.ScalarType.Int64 || !order.Order.Shape.SequenceEqual([(long)trainCount])) ? "its epoch's image order is not one of this run's images"
            : null;
        if (problem is not null)
        {
            throw new CheckpointException($"The checkpoint does not fit this run: {problem}.");
        }
    }
}

/// <summary>Where a checkpoint stands: after <paramref name="Epoch"/> finished epochs and <paramref name="Step"/> steps of the next (0 at an epoch's end).</summary>
public readonly record struct CheckpointPosition(int Epoch, int Step);

/// <summary>The state of an epoch cut short by a checkpoint: its steps done, its image order, and its running loss and image count.</summary>
internal sealed record PartialEpoch(int Steps, StoredTensor Order, double LossSum, long Seen);

/// <summary>What identifies a checkpoint's run and position.</summary>
internal sealed record CheckpointHeader(string Owner, int Epoch, int TotalEpochs, int StepsPerEpoch, int TrainCount, long Seed);

/// <summary>The states (LibTorch's byte tensors) of the run's generators.</summary>
internal sealed record RandomState(byte[] Global, byte[] Shuffling, byte[] Augmenting);

/// <summary>The best-epoch bookkeeping of <see cref="ProgressWatch"/>.</summary>
internal sealed record WatchState(double? BestForWeights, double? BestForStopping, int EpochsWithoutImprovement);
