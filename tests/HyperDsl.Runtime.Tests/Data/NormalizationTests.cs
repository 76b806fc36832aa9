using HyperDsl.Runtime.Data;

namespace HyperDsl.Runtime.Tests.Data;

public sealed class NormalizationTests
{
    [Fact]
    public void Auto_computes_the_training_split_statistics()
    {
        using var splits = TestData.LoadFashionMnistSmall();

        var statistics = Normalization.Auto.Resolve(splits.Train);

        // Fashion-MNIST's published statistics are mean 0.2860, std 0.3530 (all 60,000 images).
        Assert.Equal(0.286, statistics.Mean[0], 0.01);
        Assert.Equal(0.353, statistics.Std[0], 0.01);
    }

    [Fact]
    public void A_single_given_value_applies_to_every_channel()
    {
        using var data = SyntheticData.Create(4, [3, 2, 2], classes: 2, seed: 1);

        var statistics = Normalization.Given([0.5], [0.25]).Resolve(data);

        Assert.Equal([0.5, 0.5, 0.5], statistics.Mean);
        Assert.Equal([0.25, 0.25, 0.25], statistics.Std);
    }

    [Fact]
    public void ImageNet_statistics_on_one_channel_images_are_rejected()
    {
        using var data = SyntheticData.Create(4, [1, 2, 2], classes: 2, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => Normalization.ImageNet.Resolve(data));

        Assert.Contains("3 mean values, but the images have 1 channel", error.Message, StringComparison.Ordinal);
    }
}
