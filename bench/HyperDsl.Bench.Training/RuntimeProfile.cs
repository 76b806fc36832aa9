using HyperDsl.Runtime;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Bench.Training;

/// <summary>
/// The runtime side of <c>--profile 1</c>: the real <see cref="Trainer.Fit(TorchSharp.torch.nn.Module{Tensor, Tensor}, HyperDsl.Runtime.Data.DataSplits)"/>,
/// the code path every trial takes, with a <see cref="PhaseClock"/> in its options (the trainer marks the phases itself);
/// then the trained model's layers timed on one normalised batch, channels-last as the trainer feeds it.
/// </summary>
internal static class RuntimeProfile
{
    public static PhaseProfile Run(BenchSettings settings, int warmupSteps, int layerSteps)
    {
        TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: settings.Threads));
        using var data = settings.IsResNet ? ResNetSide.LoadData(settings) : RuntimeSide.LoadData(settings);
        var options = settings.IsResNet ? ResNetSide.Options(settings) : RuntimeSide.Options(settings);
        var clock = new PhaseClock(warmupSteps);

        // As Trainer.Fit(buildModel, data) does, keeping the model for the layer timings.
        TorchRuntime.Seed(options.Seed);
        using var model = settings.IsResNet ? ResNetSide.BuildModel() : RuntimeSide.BuildModel();
        new Trainer(options with { Profiler = clock }).Fit(model, data);

        model.train();
        using var normalizer = new BatchNormalizer(options.Normalization.Resolve(data.Train), CPU);
        using var batch = normalizer.ApplyInPlace(data.Train.Images.narrow(0, 0, settings.BatchSize).clone());
        using var input = MemoryLayout.ChannelsLast(batch);
        return clock.Result("runtime", LayerTimer.Time(model, input, layerSteps));
    }
}
