using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class TrainerPrecisionTests
{
    private static DataSplits SmallData()
    {
        var all = SyntheticData.Create(256, [3, 12, 12], classes: 4, seed: 3);
        return new DataSplits(all).WithValidationFraction(0.25, 3);
    }

    private static nn.Module<Tensor, Tensor> SmallCnn() => new ModelBuilder(3, 12, 12)
        .Conv(8, 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
        .Flatten().Linear(16).Relu().Linear(4)
        .Build();

    private static TrainingOptions Options(TrainingPrecision precision) => new()
    {
        Epochs = 3,
        BatchSize = 32,
        Optimizer = OptimizerSpec.Adam(lr: 1e-2),
        Normalization = Normalization.Auto,
        Precision = precision,
        Seed = 5,
    };

    [Fact]
    public void Bf16_training_on_the_cpu_learns_and_differs_from_fp32()
    {
        using var data = SmallData();

        var bf16 = new Trainer(Options(TrainingPrecision.Bf16)).Fit(SmallCnn, data);
        var fp32 = new Trainer(Options(TrainingPrecision.Fp32)).Fit(SmallCnn, data);

        Assert.Equal(TrainingOutcome.Completed, bf16.Outcome);
        Assert.True(bf16.Epochs[^1].TrainLoss < bf16.Epochs[0].TrainLoss, $"bf16 training loss went {bf16.Epochs[0].TrainLoss} -> {bf16.Epochs[^1].TrainLoss}");
        Assert.True(bf16.Epochs[^1].ValAccuracy > 0.7, $"bf16 validation accuracy {bf16.Epochs[^1].ValAccuracy} (chance is 0.25)");

        // The same seed in fp32 gives other losses: the bf16 steps really ran in bf16.
        Assert.NotEqual(fp32.Epochs.Select(e => e.TrainLoss), bf16.Epochs.Select(e => e.TrainLoss));
    }

    [Fact]
    public void After_bf16_training_the_model_is_fp32_and_holds_the_unrounded_master_weights()
    {
        using var data = SmallData();
        using var model = SmallCnn();

        new Trainer(Options(TrainingPrecision.Bf16)).Fit(model, data);

        var parameters = model.parameters().ToList();
        Assert.All(parameters, p => Assert.Equal(ScalarType.Float32, p.dtype));

        // Weights that were only ever bf16 would survive a round trip through bf16 unchanged.
        var rounded = parameters.Count(p => p.detach().to(ScalarType.BFloat16).to(ScalarType.Float32).equal(p.detach()).all().item<bool>());
        Assert.True(rounded < parameters.Count, "every weight is exactly a bf16 value: the fp32 masters were not restored");
    }

    [Fact]
    public void Fp16_on_the_cpu_is_refused_with_a_message_that_names_bf16()
    {
        using var data = SmallData();

        var error = Assert.Throws<InvalidOperationException>(() => new Trainer(Options(TrainingPrecision.Fp16) with { Device = DeviceChoice.Cpu }).Fit(SmallCnn, data));

        Assert.Contains("precision fp16 needs a CUDA device", error.Message, StringComparison.Ordinal);
        Assert.Contains("bf16", error.Message, StringComparison.Ordinal);
    }
}
