using HyperDsl.Runtime.Data;

namespace HyperDsl.Runtime.Tests.Data;

public sealed class SyntheticDataTests
{
    [Fact]
    public void The_same_seed_gives_the_same_images_and_labels()
    {
        using var a = SyntheticData.Create(50, [3, 8, 8], classes: 5, seed: 11);
        using var b = SyntheticData.Create(50, [3, 8, 8], classes: 5, seed: 11);
        using var c = SyntheticData.Create(50, [3, 8, 8], classes: 5, seed: 12);

        TensorAssert.Identical(a.Images, b.Images);
        TensorAssert.Identical(a.Labels, b.Labels);
        Assert.False(TensorAssert.AreIdentical(a.Images, c.Images));
    }

    [Fact]
    public void Classes_are_balanced_and_values_stay_between_zero_and_one()
    {
        using var data = SyntheticData.Create(100, [1, 4, 4], classes: 4, seed: 1);

        Assert.Equal([25L, 25, 25, 25], data.ClassCounts());
        Assert.True(data.Images.min().item<float>() >= 0);
        Assert.True(data.Images.max().item<float>() <= 1);
    }
}
