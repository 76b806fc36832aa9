using HyperDsl.Runtime.Data;

namespace HyperDsl.Runtime.Tests.Data;

public sealed class StratifiedSplitTests
{
    [Fact]
    public void Every_class_keeps_its_share_in_both_parts()
    {
        using var data = SyntheticData.Create(1000, [1, 4, 4], classes: 10, seed: 1);

        var (train, validation) = StratifiedSplit.Split(data, 0.1, seed: 7);
        using (train)
        using (validation)
        {
            Assert.Equal(Enumerable.Repeat(10L, 10), validation.ClassCounts());
            Assert.Equal(Enumerable.Repeat(90L, 10), train.ClassCounts());
        }
    }

    [Fact]
    public void The_same_seed_holds_out_the_same_images_and_another_seed_others()
    {
        using var data = SyntheticData.Create(200, [1, 2, 2], classes: 4, seed: 1);

        float[] HeldOut(long seed)
        {
            var (rest, heldOut) = StratifiedSplit.Split(data, 0.25, seed);
            using (rest)
            using (heldOut)
            {
                return heldOut.Images.data<float>().ToArray();
            }
        }

        Assert.Equal(HeldOut(3), HeldOut(3));
        Assert.NotEqual(HeldOut(3), HeldOut(4));
    }

    [Fact]
    public void The_parts_together_hold_every_image_once()
    {
        using var data = SyntheticData.Create(120, [1, 2, 2], classes: 3, seed: 2);

        var (rest, heldOut) = StratifiedSplit.Split(data, 0.3, seed: 5);
        using (rest)
        using (heldOut)
        {
            Assert.Equal(120, rest.Count + heldOut.Count);
            using var all = TorchSharp.torch.cat([rest.Images.sum([1, 2, 3]), heldOut.Images.sum([1, 2, 3])]).sort().Values;
            using var expected = data.Images.sum([1, 2, 3]).sort().Values;
            TensorAssert.Identical(expected, all);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void Fractions_outside_zero_to_one_are_rejected(double fraction)
    {
        using var data = SyntheticData.Create(20, [1, 2, 2], classes: 2, seed: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.Split(data, fraction, 1));
    }
}
