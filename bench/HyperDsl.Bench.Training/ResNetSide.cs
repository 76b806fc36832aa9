using HyperDsl.Runtime;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;

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
        int[] shape = [3, settings.ImageSize, settings.ImageSize];
        using var data = new DataSplits(
            SyntheticData.Create(settings.Images, shape, Classes, settings.Seed),
            Test: SyntheticData.Create(TestImages, shape, Classes, settings.Seed + 1));
        var trainer = new Trainer(new TrainingOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Optimizer = OptimizerSpec.Adam(lr: BenchSettings.LearningRate),
            Normalization = Normalization.Given([0.5, 0.5, 0.5], [0.25, 0.25, 0.25]),
            Seed = settings.Seed,
        });

        var result = trainer.Fit(() => Backbones.Create(BackboneKind.ResNet18, Classes), data);
        return new SideResult("runtime", [.. result.Epochs.Select(e => e.ImagesPerSecond)], result.TestAccuracy ?? double.NaN, TorchRuntime.OpenMpWait?.Plan.Reason);
    }
}
