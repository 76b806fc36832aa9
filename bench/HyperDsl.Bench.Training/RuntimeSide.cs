using HyperDsl.Runtime;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Bench.Training;

/// <summary>Side (a): the reference CNN trained through HyperDsl.Runtime, as generated code would.</summary>
internal static class RuntimeSide
{
    public static SideResult Run(BenchSettings settings)
    {
        TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: settings.Threads));
        using var data = MnistFormatData.LoadFashionMnist(settings.DataDirectory);
        var trainer = new Trainer(new TrainingOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Optimizer = OptimizerSpec.Adam(lr: BenchSettings.LearningRate),
            Normalization = Normalization.Given([BenchSettings.Mean], [BenchSettings.Std]),
            Seed = settings.Seed,
        });

        var result = trainer.Fit(
            () => new ModelBuilder(1, 28, 28)
                .Conv(32, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
                .Conv(64, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
                .Flatten().Dropout(0.25).Linear(128).Relu().Linear(10)
                .Build(),
            data);

        return new SideResult(TorchRuntime.MallocTuned ? "runtime" : "runtime-untuned", [.. result.Epochs.Select(e => e.ImagesPerSecond)], result.TestAccuracy ?? double.NaN, TorchRuntime.OpenMpWait?.Plan.Reason);
    }
}
