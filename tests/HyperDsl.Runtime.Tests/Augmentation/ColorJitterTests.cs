using HyperDsl.Runtime.Augmentation;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Augmentation;

public sealed class ColorJitterTests : IDisposable
{
    private readonly Tensor _batch;

    public ColorJitterTests()
    {
        TorchRuntime.EnsureInitialized();
        using var generator = new Generator(11, CPU);
        _batch = rand([8, 3, 12, 10], generator: generator);
    }

    public void Dispose() => _batch.Dispose();

    private static Tensor Shifts(params float[] turns) => tensor(turns).view(-1, 1, 1, 1);

    private static Tensor Pixels(params float[][] rgb) =>
        tensor(rgb.SelectMany(p => p).ToArray(), [rgb.Length, 3]).view(rgb.Length, 3, 1, 1);

    [Fact]
    public void Colour_jitter_with_hue_zero_is_the_identity_and_a_zero_turn_round_trips_through_hsv()
    {
        using var generator = new Generator(1, CPU);
        using var jittered = Augment.ColorJitter(hue: 0).Apply(_batch, generator);
        using var zero = zeros(8, 1, 1, 1);
        using var turned = HueShift.Apply(_batch, zero);

        TensorAssert.Identical(_batch, jittered);
        TensorAssert.Close(_batch, turned, 1e-6);
    }

    [Fact]
    public void A_hue_shift_keeps_values_between_zero_and_one_and_keeps_each_pixel_s_value_and_chroma()
    {
        using var generator = new Generator(1, CPU);
        using var jittered = Augment.ColorJitter(hue: 0.5).Apply(_batch, generator);

        Assert.False(TensorAssert.AreIdentical(_batch, jittered));
        Assert.True(jittered.min().item<float>() >= 0 && jittered.max().item<float>() <= 1);

        // A hue rotation moves a pixel round the colour wheel: its brightest and darkest channels keep their levels.
        TensorAssert.Close(_batch.amax([1]), jittered.amax([1]), 1e-6);
        TensorAssert.Close(_batch.amin([1]), jittered.amin([1]), 1e-6);
    }

    [Fact]
    public void A_third_of_a_turn_takes_red_to_green_and_green_to_blue_and_leaves_grey_alone()
    {
        using var pixels = Pixels([1, 0, 0], [0, 1, 0], [0.3f, 0.3f, 0.3f]);
        using var third = Shifts(1f / 3, 1f / 3, 1f / 3);
        using var expected = Pixels([0, 1, 0], [0, 0, 1], [0.3f, 0.3f, 0.3f]);

        using var turned = HueShift.Apply(pixels, third);

        TensorAssert.Close(expected, turned, 1e-6);
    }

    [Fact]
    public void A_hue_shift_of_a_mixed_colour_matches_python_s_colorsys()
    {
        // colorsys.hsv_to_rgb((h + t) % 1, s, v) for (h, s, v) = colorsys.rgb_to_hsv(0.8, 0.4, 0.2) and t = 0.1, -0.25.
        using var pixels = Pixels([0.8f, 0.4f, 0.2f], [0.8f, 0.4f, 0.2f]);
        using var turns = Shifts(0.1f, -0.25f);
        using var expected = Pixels([0.8f, 0.76f, 0.2f], [0.7f, 0.2f, 0.8f]);

        using var turned = HueShift.Apply(pixels, turns);

        TensorAssert.Close(expected, turned, 1e-6);
    }

    [Fact]
    public void Saturation_and_hue_leave_one_channel_images_unchanged()
    {
        using var grey = _batch.narrow(1, 0, 1).contiguous();
        using var generator = new Generator(1, CPU);

        using var jittered = Augment.ColorJitter(saturation: 0.9, hue: 0.5).Apply(grey, generator);

        TensorAssert.Identical(grey, jittered);
    }

    [Fact]
    public void The_same_seed_gives_the_same_hue_jitter_and_another_seed_another()
    {
        var jitter = Augment.ColorJitter(brightness: 0.2, hue: 0.2);

        Tensor Run(ulong seed)
        {
            using var generator = new Generator(seed, CPU);
            return jitter.Apply(_batch, generator);
        }

        using var a = Run(3);
        using var b = Run(3);
        using var c = Run(4);
        TensorAssert.Identical(a, b);
        Assert.False(TensorAssert.AreIdentical(a, c));
    }

    [Theory]
    [InlineData(0, -0.1)]
    [InlineData(0, 0.51)]
    [InlineData(-0.1, 0)]
    public void Strengths_outside_the_catalogue_s_ranges_are_refused(double brightness, double hue)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.ColorJitter(brightness: brightness, hue: hue));
    }

    [Fact]
    public void Strengths_above_one_are_accepted_as_the_catalogue_allows()
    {
        using var generator = new Generator(1, CPU);
        using var jittered = Augment.ColorJitter(brightness: 2, contrast: 1.5, saturation: 3).Apply(_batch, generator);

        Assert.True(jittered.min().item<float>() >= 0 && jittered.max().item<float>() <= 1);
    }
}
