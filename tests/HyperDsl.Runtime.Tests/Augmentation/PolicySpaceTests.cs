using HyperDsl.Runtime.Augmentation;

namespace HyperDsl.Runtime.Tests.Augmentation;

/// <summary>The magnitude tables are torchvision's <c>_augmentation_space</c> for each policy.</summary>
public sealed class PolicySpaceTests
{
    [Fact]
    public void RandAugment_s_space_has_torchvision_s_14_operations_and_31_bins()
    {
        var space = PolicySpace.Standard(31, height: 32, width: 40, autoAugment: false);

        Assert.Equal(14, space.Count);
        Assert.Equal(PolicyOperation.Identity, space[0]);
        Assert.Equal(PolicyOperation.Equalize, space[13]);
        Assert.Equal(150.0 / 331 * 40 * 9 / 30, space.Magnitude(space.IndexOf(PolicyOperation.TranslateX), 9), 4);
        Assert.Equal(150.0 / 331 * 32, space.Magnitude(space.IndexOf(PolicyOperation.TranslateY), 30), 4);
        Assert.Equal(0.3, space.Magnitude(space.IndexOf(PolicyOperation.ShearX), 30), 6);
        Assert.Equal(8, space.Magnitude(space.IndexOf(PolicyOperation.Posterize), 0));
        Assert.Equal(4, space.Magnitude(space.IndexOf(PolicyOperation.Posterize), 30));
        Assert.Equal(255, space.Magnitude(space.IndexOf(PolicyOperation.Solarize), 0));
        Assert.True(space.Signed(space.IndexOf(PolicyOperation.Rotate)));
        Assert.False(space.Signed(space.IndexOf(PolicyOperation.Solarize)));
    }

    [Fact]
    public void AutoAugment_s_space_has_invert_and_no_identity_in_10_bins()
    {
        var space = PolicySpace.Standard(10, height: 32, width: 32, autoAugment: true);

        Assert.Equal(14, space.Count);
        Assert.Equal(-1, space.IndexOf(PolicyOperation.Identity));
        Assert.Equal(13, space.IndexOf(PolicyOperation.Invert));
        Assert.Equal(30.0 * 8 / 9, space.Magnitude(space.IndexOf(PolicyOperation.Rotate), 8), 4);
    }

    [Fact]
    public void The_wide_space_reaches_135_degrees_32_pixels_and_2_bits()
    {
        var space = PolicySpace.Wide(31);

        Assert.Equal(135, space.Magnitude(space.IndexOf(PolicyOperation.Rotate), 30), 4);
        Assert.Equal(32, space.Magnitude(space.IndexOf(PolicyOperation.TranslateX), 30), 4);
        Assert.Equal(0.99, space.Magnitude(space.IndexOf(PolicyOperation.Sharpness), 30), 6);
        Assert.Equal(2, space.Magnitude(space.IndexOf(PolicyOperation.Posterize), 30));
    }

    [Fact]
    public void AugMix_s_space_has_10_bins_with_posterize_from_4_down_to_0_bits()
    {
        var space = PolicySpace.AugMix(height: 30, width: 45);

        Assert.Equal(10, space.Bins);
        Assert.Equal(13, space.Count);
        Assert.Equal(4, space.Magnitude(space.IndexOf(PolicyOperation.Posterize), 0));
        Assert.Equal(0, space.Magnitude(space.IndexOf(PolicyOperation.Posterize), 9));
        Assert.Equal(15, space.Magnitude(space.IndexOf(PolicyOperation.TranslateX), 9), 4);
        Assert.Equal(10, space.Magnitude(space.IndexOf(PolicyOperation.TranslateY), 9), 4);
        Assert.Equal(-1, space.IndexOf(PolicyOperation.Identity));
    }
}
