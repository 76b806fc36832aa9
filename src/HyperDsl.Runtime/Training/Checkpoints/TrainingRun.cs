using HyperDsl.Runtime.Training.Optimizers;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training.Checkpoints;

/// <summary>The live pieces of a training run whose state a checkpoint holds: it captures them into one, or restores them from one.</summary>
internal sealed class TrainingRun(nn.Module model, TrainingOptimizer optimizer, Generator shuffling, Generator augmenting, ProgressWatch watch)
{
    public TrainingCheckpoint Capture(CheckpointHeader header, IReadOnlyList<EpochMetrics> epochs, PartialEpoch? partial = null)
    {
        var (watchState, best) = watch.Snapshot();
        return new TrainingCheckpoint(header, [.. epochs], watchState, StoredTensor.OfState(model.state_dict()), optimizer.SaveState(), CaptureRandom(), best, partial);
    }

    /// <summary>Restores the run's state; a checkpoint that does not fit the model or optimizer is refused before the model changes.</summary>
    public void Restore(TrainingCheckpoint checkpoint)
    {
        var random = checkpoint.Random;
        var current = CaptureRandom();
        if (random.Global.Length != current.Global.Length || random.Shuffling.Length != current.Shuffling.Length || random.Augmenting.Length != current.Augmenting.Length)
        {
            throw new CheckpointException("The checkpoint does not fit this run: its random generators' states have other sizes than LibTorch's here.");
        }

        try
        {
            var state = model.state_dict();
            StoredTensor.Check(checkpoint.Model, state, "model");
            optimizer.CheckState(checkpoint.Optimizer);
            StoredTensor.CopyInto(checkpoint.Model, state, "model");
            optimizer.LoadState(checkpoint.Optimizer);
        }
        catch (CheckpointException error)
        {
            throw new CheckpointException($"The checkpoint does not fit this run: {error.Message}.", error);
        }

        watch.Restore(checkpoint.Watch, checkpoint.Best);
        SetState(shuffling.set_state, random.Shuffling);
        SetState(augmenting.set_state, random.Augmenting);
        SetState(set_rng_state, random.Global);
    }

    private RandomState CaptureRandom()
    {
        using var global = get_rng_state();
        using var shuffled = shuffling.get_state();
        using var augmented = augmenting.get_state();
        return new RandomState(global.bytes.ToArray(), shuffled.bytes.ToArray(), augmented.bytes.ToArray());
    }

    private static void SetState(Action<Tensor> set, byte[] bytes)
    {
        using var state = tensor(bytes, ScalarType.Byte);
        try
        {
            set(state);
        }
        catch (Exception error) when (error is System.Runtime.InteropServices.ExternalException or ArgumentException or InvalidOperationException)
        {
            // LibTorch checks a generator state it is given; one it refuses came from a file that was made, not written by a run.
            throw new CheckpointException($"The checkpoint does not fit this run: LibTorch refuses its generator state ({NativeErrorText.Reduce(error.Message)}).", error);
        }
    }

}
