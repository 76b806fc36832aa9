using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

/// <summary>A trainer with an augmentation policy and a batch mixing: seeded, and trained on the mixed loss.</summary>
public sealed class TrainerMixingTests
{
    private static DataSplits SmallData() =>
        new DataSplits(SyntheticData.Create(64, [3, 8, 8], classes: 3, seed: 2)).WithValidationFraction(0.25, 2);

    private static nn.Module<Tensor, Tensor> SmallCnn() => new ModelBuilder(3, 8, 8)
        .Conv(4, 3, padding: ConvPadding.Same).Relu().Flatten().Linear(3)
        .Build();

    private static TrainingOptions Options => new()
    {
        Epochs = 1,
        BatchSize = 16,
        Optimizer = OptimizerSpec.Adam(lr: 1e-2),
        Augmentation = Augment.Pipeline(Augment.RandAugment(2, 9)),
        Mixing = Augment.Mixing(Augment.Mixup(0.4), Augment.CutMix(1.0)),
    };

    [Fact]
    public void A_mixed_trial_repeats_under_its_seed_and_differs_under_another()
    {
        using var data = SmallData();

        TrainingResult Run(long seed) => new Trainer(Options with { Seed = seed }).Fit(SmallCnn, data);
        var first = Run(5);
        var second = Run(5);
        var other = Run(6);

        Assert.Equal(TrainingOutcome.Completed, first.Outcome);
        Assert.True(double.IsFinite(first.Epochs[0].TrainLoss));
        Assert.Equal(first.Epochs.Select(e => (e.TrainLoss, e.ValLoss)), second.Epochs.Select(e => (e.TrainLoss, e.ValLoss)));
        Assert.NotEqual(first.Epochs.Select(e => e.TrainLoss), other.Epochs.Select(e => e.TrainLoss));
    }

    [Fact]
    public void Mixing_changes_the_training_loss_but_not_how_validation_is_scored()
    {
        using var data = SmallData();
        var plain = Options with { Seed = 5, Augmentation = null, Mixing = null, Optimizer = OptimizerSpec.Sgd(lr: 1e-30) };
        var mixed = plain with { Mixing = Augment.Mixup(1.0) };

        var unmixed = new Trainer(plain).Fit(SmallCnn, data).Epochs[0];
        var withMixing = new Trainer(mixed).Fit(SmallCnn, data).Epochs[0];

        // With a learning rate of 1e-30 the float32 weights never change: validation sees the same model and the same unmixed images.
        Assert.NotEqual(unmixed.TrainLoss, withMixing.TrainLoss);
        Assert.Equal(unmixed.ValLoss, withMixing.ValLoss);
        Assert.Equal(unmixed.ValAccuracy, withMixing.ValAccuracy);
    }

    // Under task segmentation cutmix mixes the masks with the images (the same box), and the loss is per
    // pixel on the mixed masks: the training loss changes, validation is scored on unmixed images.
    [Fact]
    public void A_segmentation_trial_with_cutmix_trains_on_mixed_masks_and_validates_unmixed()
    {
        using var data = SegmentationData();
        nn.Module<Tensor, Tensor> Pixels() => new ModelBuilder(3, 8, 8).Conv(4, 3, padding: ConvPadding.Same).Relu().Conv(3, 1).Build();
        var plain = new TrainingOptions { Epochs = 1, BatchSize = 8, Seed = 5, Optimizer = OptimizerSpec.Sgd(lr: 1e-30) };
        var mixed = plain with { Mixing = Augment.CutMix(1.0) };

        var unmixed = new Trainer(plain).Fit(Pixels, data);
        var withCutMix = new Trainer(mixed).Fit(Pixels, data);

        Assert.Equal(TrainingOutcome.Completed, withCutMix.Outcome);
        Assert.True(double.IsFinite(withCutMix.Epochs[0].TrainLoss));
        Assert.NotEqual(unmixed.Epochs[0].TrainLoss, withCutMix.Epochs[0].TrainLoss);
        Assert.Equal(unmixed.Epochs[0].ValLoss, withCutMix.Epochs[0].ValLoss);
        Assert.Equal(unmixed.Epochs[0].ValMiou, withCutMix.Epochs[0].ValMiou);
    }

    // 32 random 8x8 images, each with a random mask of classes 0 to 2 (a quarter held out for validation).
    private static DataSplits SegmentationData()
    {
        using var generator = new Generator(3, CPU);
        var images = rand([32, 3, 8, 8], generator: generator);
        var masks = randint(0, 3, [32, 8, 8], ScalarType.Int64, generator: generator);
        return new DataSplits(new ImageDataset(images, masks, 3) { IgnoreIndex = 255 }).WithValidationFraction(0.25, 2);
    }
}
