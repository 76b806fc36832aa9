using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

/// <summary>
/// Issue 20: TorchSharp 0.107 frees a <see cref="TorchSharp.Scalar"/> in its finalizer, and a
/// Scalar made implicitly from a number is unreachable once its handle is read, so a garbage
/// collection during the native call can free it under LibTorch ("Unknown scalar type", a failed
/// toFloat/toDouble at Scalar.h, or a silently wrong number). These runs train with every
/// optimizer, augmentation, normalisation, mixing, label smoothing, clipping and the extra metrics while another thread
/// collects garbage and runs finalizers without pause; they must finish like the same run without it.
/// </summary>
public sealed class ScalarLifetimeStressTests
{
    private static DataSplits Data()
    {
        var all = SyntheticData.Create(192, [3, 12, 12], classes: 4, seed: 2);
        return new DataSplits(all).WithValidationFraction(0.25, 2);
    }

    // No batch norm: TorchSharp's BatchNorm.forward counts batches with an implicit Scalar of its
    // own (num_batches_tracked.add_(1)), a race HyperDsl cannot hold off (see DifferentialRun).
    private static nn.Module<Tensor, Tensor> Model() => new ModelBuilder(3, 12, 12)
        .Conv(6, 3, padding: ConvPadding.Same).Relu().MaxPool(2)
        .Flatten().Dropout(0.2).Linear(12).Relu().Linear(4, name: "head")
        .Build();

    private static TrainingOptions Options(OptimizerSpec optimizer) => new()
    {
        Epochs = 3,
        BatchSize = 8,
        Seed = 4,
        Optimizer = optimizer,
        Normalization = Normalization.Auto,
        Loss = LossFunction.CrossEntropy(labelSmoothing: 0.1),
        Augmentation = Augment.Pipeline(Augment.HorizontalFlip(), Augment.RandomCrop(12, padding: 1), Augment.ColorJitter(0.3, 0.3, 0.3, 0.05), Augment.RandomErasing(0.5)),
        Mixing = Augment.Mixup(0.2),
        Schedule = Schedule.Warmup(TrainingLength.Steps(5)).Then(Schedule.Cosine()),
        ClipGradientNorm = 5,
        Metrics = ExtraMetrics.Top5 | ExtraMetrics.Auc,
    };

    public static TheoryData<string> Optimizers => ["sgd", "adam", "adamw", "rmsprop"];

    private static OptimizerSpec Named(string name) => name switch
    {
        "sgd" => OptimizerSpec.Sgd(lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3),
        "adam" => OptimizerSpec.Adam(lr: 3e-3, weightDecay: 1e-4),
        "adamw" => OptimizerSpec.AdamW(lr: 3e-3, weightDecay: 0.05),
        _ => OptimizerSpec.RmsProp(lr: 1e-3, momentum: 0.5, weightDecay: 1e-4),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Training_under_constant_garbage_collection_gives_the_figures_of_a_quiet_run(string optimizer)
    {
        using var data = Data();
        var options = Options(Named(optimizer));

        var quiet = new Trainer(options).Fit(Model, data);
        TrainingResult collected;
        using (new ConstantCollection())
        {
            collected = new Trainer(options).Fit(Model, data);
        }

        Assert.Equal(TrainingOutcome.Completed, collected.Outcome);
        Assert.Equal(quiet.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAccuracy, e.ValTop5, e.ValAuc)), collected.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAccuracy, e.ValTop5, e.ValAuc)));
    }

    /// <summary>A thread that collects garbage and runs finalizers in a loop until disposed.</summary>
    private sealed class ConstantCollection : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public ConstantCollection()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
            })
            { IsBackground = true, Name = "constant GC" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
