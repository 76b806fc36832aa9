using HyperDsl.Runtime;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Bench.Training;

/// <summary>
/// Side (a) of <c>--model resnet18</c>: torchvision's ResNet-18 (random init, 10 classes) trained
/// through HyperDsl.Runtime on seeded synthetic 3 x size x size images, as bench/pytorch_resnet.py does.
/// </summary>
internal static class ResNetSide
{
    private const int Classes = 10;
    private const int TestImages = 64;

    public static SideResult Run(BenchSettings settings)
    {
        TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: settings.Threads));
        using var data = LoadData(settings);
        var result = new Trainer(Options(settings)).Fit(BuildModel, data);
        return new SideResult("runtime", [.. result.Epochs.Select(e => e.ImagesPerSecond)], result.TestAccuracy ?? double.NaN, TorchRuntime.OpenMpWait?.Plan.Reason);
    }

    public static DataSplits LoadData(BenchSettings settings)
    {
        int[] shape = [3, settings.ImageSize, settings.ImageSize];
        return new DataSplits(
            SyntheticData.Create(settings.Images, shape, Classes, settings.Seed),
            Test: SyntheticData.Create(TestImages, shape, Classes, settings.Seed + 1));
    }

    public static TrainingOptions Options(BenchSettings settings) => new()
    {
        Epochs = settings.Epochs,
        BatchSize = settings.BatchSize,
        Optimizer = OptimizerSpec.Adam(lr: BenchSettings.LearningRate),
        Normalization = Normalization.Given([0.5, 0.5, 0.5], [0.25, 0.25, 0.25]),
        Seed = settings.Seed,
    };

    public static nn.Module<Tensor, Tensor> BuildModel() => Backbones.Create(BackboneKind.ResNet18, Classes);
}
