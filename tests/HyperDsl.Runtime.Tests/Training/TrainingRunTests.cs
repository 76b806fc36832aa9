using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using HyperDsl.Runtime.Training.Checkpoints;
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
        var parameters = model.parameters().ToList();
        var before = parameters.Select(p => p.detach().clone()).ToList();
        using var written = OptimizerSpec.Sgd(0.1, momentum: 0.9, weightDecay: 0.01).Create(groups);
        Backward(model);
        written.Step();
        var checkpoint = new TrainingRun(model, written, shuffling, augmenting, watch).Capture(new CheckpointHeader("run", 1, 2, 1, 3, 1), []);
        var restored = parameters.Select(p => p.detach().clone()).ToList();
        using var resuming = OptimizerSpec.Sgd(0.2, momentum: 0.5, weightDecay: 0.02).Create(groups);

        new TrainingRun(model, resuming, shuffling, augmenting, watch).Restore(checkpoint);
        resuming.ZeroGrad();
        Backward(model);
        resuming.Step();

        // The loss is linear in the weights, so every step sees the same gradient g. The checkpoint's momentum buffer is
        // the first step's g + 0.01 p0; the resumed step must use this run's momentum 0.5 and decay 0.02 on it.
        for (var i = 0; i < parameters.Count; i++)
        {
            using var gradient = parameters[i].grad!.detach().clone();
            using var buffer = gradient + 0.01 * before[i];
            using var expected = restored[i] - 0.2 * (0.5 * buffer + gradient + 0.02 * restored[i]);
            Assert.True(allclose(parameters[i].detach(), expected, rtol: 1e-5, atol: 1e-6), $"parameter {i} took another step than momentum 0.5 and decay 0.02 give");
        }
    }

    private static void Backward(nn.Module<Tensor, Tensor> model)
    {
        using var loss = model.call(ones(3, 1, 4, 4)).sum();
        loss.backward();
    }
}
