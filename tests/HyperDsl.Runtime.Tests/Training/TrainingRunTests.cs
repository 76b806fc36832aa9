using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using HyperDsl.Runtime.Training.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class TrainingRunTests
{
    [Fact]
    public void A_restored_run_keeps_its_own_optimizer_hyperparameters()
    {
        // PBT resumes one member's state under another's perturbed values: the values must be the resuming run's
        // (that the state itself is taken, bit for bit, TrainerCheckpointTests show).
        using var model = new ModelBuilder(1, 4, 4).Flatten().Linear(2).Build();
        var groups = LearningRateScale.Groups(model, null);
        using var shuffling = new Generator(1, CPU);
        using var augmenting = new Generator(2, CPU);
        using var watch = new ProgressWatch(null, null, false, false);
        using var written = OptimizerSpec.Sgd(0.1, momentum: 0.9, weightDecay: 0.01).Create(groups);
        using (var loss = model.call(ones(3, 1, 4, 4)).sum())
        {
            loss.backward();
        }

        written.step();
        var checkpoint = new TrainingRun(model, written, shuffling, augmenting, watch).Capture(new CheckpointHeader("run", 1, 2, 1, 3, 1), []);
        using var resuming = OptimizerSpec.Sgd(0.2, momentum: 0.5, weightDecay: 0.02).Create(groups);

        new TrainingRun(model, resuming, shuffling, augmenting, watch).Restore(checkpoint);

        var options = Assert.IsType<SGD.Options>(resuming.ParamGroups.OfType<ParamGroup>().Single().Options);
        Assert.Equal((0.5, 0.02), (options.momentum, options.weight_decay));
    }
}
