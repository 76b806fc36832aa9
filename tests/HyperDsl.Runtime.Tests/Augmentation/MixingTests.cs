using HyperDsl.Runtime.Augmentation;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Augmentation;

public sealed class MixingTests : IDisposable
{
    private readonly Tensor _images;
    private readonly Tensor _labels;

    public MixingTests()
    {
        TorchRuntime.EnsureInitialized();

        // Image i is flat at (i + 1) / 10, so every pixel says which image it came from.
        _images = arange(1, 9, dtype: ScalarType.Float32).div(10).view(8, 1, 1, 1).expand(8, 3, 16, 20).contiguous();
        _labels = arange(8, dtype: ScalarType.Int64);
    }

    public void Dispose()
    {
        _images.Dispose();
        _labels.Dispose();
    }

    [Fact]
    public void Mixup_blends_each_image_with_the_one_before_it_by_the_partner_weight()
    {
        using var generator = new Generator(2, CPU);
        var mixed = Augment.Mixup(0.2).Mix(_images, _labels, generator);
        var weight = mixed.PartnerWeight;
        using var partners = _images.roll(1, 0);
        using var expected = _images.mul(1 - weight).add(partners.mul(weight));

        Assert.InRange(weight, 0, 1);
        TensorAssert.Close(expected, mixed.Images, 1e-6);
        TensorAssert.Identical(_labels, mixed.Labels);
        TensorAssert.Identical(_labels.roll(1, 0), mixed.PartnerLabels);
    }

    [Fact]
    public void Mixup_lambda_is_beta_distributed_with_mean_one_half()
    {
        using var generator = new Generator(5, CPU);
        var mixup = Augment.Mixup(0.4);
        var weights = Enumerable.Range(0, 400).Select(_ => mixup.Mix(_images, _labels, generator).PartnerWeight).ToList();

        // Beta(0.4, 0.4) has mean 1/2 and variance 1 / (4 (2 alpha + 1)) = 0.139, so most draws lie near 0 or 1.
        Assert.InRange(weights.Average(), 0.44, 0.56);
        Assert.InRange(weights.Count(w => w is < 0.1 or > 0.9) / 400.0, 0.35, 0.75);
    }

    [Fact]
    public void CutMix_pastes_a_box_whose_share_of_the_image_is_the_partner_weight()
    {
        using var generator = new Generator(9, CPU);
        var cutmix = Augment.CutMix(1.0, 1.0);
        for (var draw = 0; draw < 10; draw++)
        {
            var mixed = cutmix.Mix(_images, _labels, generator);
            using var partners = _images.roll(1, 0);
            using var fromPartner = mixed.Images.eq(partners).to_type(ScalarType.Float32).mean([1, 2, 3]);
            using var fromOwn = mixed.Images.eq(_images).to_type(ScalarType.Float32).mean([1, 2, 3]);

            TensorAssert.Close(full([8], (float)mixed.PartnerWeight), fromPartner, 1e-6);
            TensorAssert.Close(full([8], 1 - (float)mixed.PartnerWeight), fromOwn, 1e-6);
            TensorAssert.Identical(_labels.roll(1, 0), mixed.PartnerLabels);
        }
    }

    [Fact]
    public void The_cutmix_box_is_torchvision_s_and_clipping_shrinks_its_area()
    {
        // lambda 0.75: half-sides 0.25 of 20 x 16 = 5 x 4 pixels.
        var inside = CutMix.Box(0.75, 10, 8, 20, 16);
        var corner = CutMix.Box(0.75, 0, 0, 20, 16);

        Assert.Equal(new CutMix.PastedBox(5, 4, 15, 12), inside);
        Assert.Equal(80, inside.Area);
        Assert.Equal(20, corner.Area);
    }

    [Fact]
    public void CutMix_with_probability_zero_leaves_the_batch_and_weighs_the_partner_zero()
    {
        using var generator = new Generator(1, CPU);
        var mixed = Augment.CutMix(1.0, p: 0).Mix(_images, _labels, generator);

        Assert.Equal(0, mixed.PartnerWeight);
        TensorAssert.Identical(_images, mixed.Images);
    }

    // Under task segmentation: image i is flat at (i + 1) / 10 and mask i all i, so after mixing each
    // pixel's class must still name the image its pixel came from, box or not.
    [Fact]
    public void CutMix_under_segmentation_pastes_each_partner_s_mask_box_exactly_where_it_pastes_its_image_box()
    {
        using var masks = arange(8, dtype: ScalarType.Int64).view(8, 1, 1).expand(8, 16, 20).contiguous();
        var cutmix = Assert.IsAssignableFrom<IMaskMixing>(Augment.CutMix(1.0, 1.0));
        using var generator = new Generator(9, CPU);
        using var again = new Generator(9, CPU);
        var pasted = 0;
        for (var draw = 0; draw < 10; draw++)
        {
            using var scope = NewDisposeScope();
            var (images, mixedMasks) = cutmix.MixMasks(_images, masks, generator);
            var shown = images.select(1, 0).mul(10).round().sub(1).to_type(ScalarType.Int64);

            Assert.Equal([8L, 16, 20], mixedMasks.shape);
            TensorAssert.Identical(shown, mixedMasks);
            TensorAssert.Identical(cutmix.Mix(_images, _labels, again).Images, images);
            pasted += mixedMasks.ne(masks).any().item<bool>() ? 1 : 0;
        }

        Assert.True(pasted > 0, "no draw pasted a box, so the masks were never mixed");
    }

    [Fact]
    public void Mixing_repeats_under_the_same_seed_and_differs_under_another()
    {
        var either = Augment.Mixing(Augment.Mixup(1.0), Augment.CutMix(1.0));
        using var first = new Generator(3, CPU);
        using var again = new Generator(3, CPU);
        var a = Enumerable.Range(0, 6).Select(_ => either.Mix(_images, _labels, first).PartnerWeight).ToList();
        var b = Enumerable.Range(0, 6).Select(_ => either.Mix(_images, _labels, again).PartnerWeight).ToList();
        using var other = new Generator(4, CPU);
        var c = Enumerable.Range(0, 6).Select(_ => either.Mix(_images, _labels, other).PartnerWeight).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Mixup_and_cutmix_refuse_a_non_positive_alpha()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.Mixup(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.CutMix(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.CutMix(1, p: 1.5));
    }
}
