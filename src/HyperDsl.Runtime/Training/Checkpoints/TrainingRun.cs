using System.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training.Checkpoints;

/// <summary>The live pieces of a training run whose state a checkpoint holds: it captures them into one, or restores them from one.</summary>
internal sealed class TrainingRun(nn.Module model, optim.Optimizer optimizer, Generator shuffling, Generator augmenting, ProgressWatch watch)
{
    public TrainingCheckpoint Capture(CheckpointHeader header, IReadOnlyList<EpochMetrics> epochs, PartialEpoch? partial = null)
    {
        var (watchState, best) = watch.Snapshot();
        return new TrainingCheckpoint(header, [.. epochs], watchState, StoredTensor.OfState(model.state_dict()), SaveOptimizer(), CaptureRandom(), best, partial);
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
            StoredTensor.CopyInto(checkpoint.Model, model.state_dict(), "model");
        }
        catch (CheckpointException error)
        {
            throw new CheckpointException($"The checkpoint does not fit this run: {error.Message}.", error);
        }

        // The optimizer's state (moments, step counts) comes from the checkpoint, its hyperparameters (weight decay, momentum,
        // betas) stay this run's: the same values when a run resumes itself, perturbed ones when a PBT member resumes another's
        // state. (The learning rate is the schedule's, set at every step.)
        var groups = optimizer.ParamGroups.OfType<ParamGroup>().ToList();
        var settings = groups.Select(g => SaveSettings(g.Options)).ToList();
        LoadOptimizer(checkpoint.Optimizer);
        foreach (var (group, saved) in groups.Zip(settings))
        {
            using var reader = new BinaryReader(new MemoryStream(saved, writable: false), Encoding.UTF8);
            group.Options.LoadStateDict(reader);
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

    private static byte[] SaveSettings(OptimizerOptions options)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            options.SaveStateDict(writer);
        }

        return memory.ToArray();
    }

    private byte[] SaveOptimizer()
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            Helper.save_state_dict(writer);
        }

        return memory.ToArray();
    }

    private void LoadOptimizer(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            Helper.load_state_dict(reader);
            if (reader.BaseStream.Position != bytes.Length)
            {
                throw new CheckpointException("its optimizer state is longer than this optimizer's");
            }
        }
        catch (Exception error) when (error is not CheckpointException and not OutOfMemoryException)
        {
            // TorchSharp reads what it expects; another optimizer's state (or a damaged one) fails in whatever way it fails there.
            throw new CheckpointException($"The checkpoint does not fit this run: its optimizer state is not this optimizer's ({error.Message}).", error);
        }
        catch (CheckpointException error)
        {
            throw new CheckpointException($"The checkpoint does not fit this run: {error.Message}.", error);
        }
    }

    private OptimizerHelper Helper => optimizer as OptimizerHelper
        ?? throw new NotSupportedException($"The optimizer {optimizer.GetType().Name} cannot write its state into a checkpoint.");
}
