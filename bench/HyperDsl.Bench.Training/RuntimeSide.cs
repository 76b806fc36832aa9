using HyperDsl.Runtime;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Bench.Training;

/// <summary>Side (a): the reference CNN trained through HyperDsl.Runtime, as generated code would.</summary>
internal static class RuntimeSide
{
    public static SideResult Run(BenchSettings settings)
    {
        TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: settings.Threads));
        using var data = LoadData(settings);
        var result = new Trainer(Options(settings)).Fit(BuildModel, data);
        return new SideResult(TorchRuntime.MallocTuned ? "runtime" : "runtime-untuned", [.. result.Epochs.Select(e => e.ImagesPerSecond)], result.TestAccuracy ?? double.NaN, TorchRuntime.OpenMpWait?.Plan.Reason);
    }

    public static DataSplits LoadData(BenchSettings settings) => MnistFormatData.LoadFashionMnist(settings.DataDirectory);

    public static TrainingOptions Options(BenchSettings settings) => new()
    {
        Epochs = settings.Epochs,
        BatchSize = settings.BatchSize,
        Optimizer = OptimizerSpec.Adam(lr: BenchSettings.LearningRate),
        Normalization = Normalization.Given([BenchSettings.Mean], [BenchSettings.Std]),
        Seed = settings.Seed,
    };

    public static nn.Module<Tensor, Tensor> BuildModel() => new ModelBuilder(1, 28, 28)
        .Conv(32, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
        .Conv(64, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
        .Flatten().Dropout(0.25).Linear(128).Relu().Linear(10)
        .Build();
}
