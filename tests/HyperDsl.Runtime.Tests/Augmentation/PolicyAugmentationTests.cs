using HyperDsl.Runtime.Augmentation;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Augmentation;

public sealed class PolicyAugmentationTests : IDisposable
{
    private readonly Tensor _batch;

    public PolicyAugmentationTests()
    {
        TorchRuntime.EnsureInitialized();
        using var generator = new Generator(7, CPU);
        _batch = rand([16, 3, 12, 10], generator: generator);
    }

    public void Dispose() => _batch.Dispose();

    public static TheoryData<string> Policies { get; } = ["autoaugment-imagenet", "autoaugment-cifar10", "autoaugment-svhn", "randaugment", "trivialaugment", "augmix"];

    private static IBatchAugmentation Policy(string name) => name switch
    {
        "autoaugment-imagenet" => Augment.AutoAugment(AutoAugmentPolicy.Imagenet),
        "autoaugment-cifar10" => Augment.AutoAugment(AutoAugmentPolicy.Cifar10),
        "autoaugment-svhn" => Augment.AutoAugment(AutoAugmentPolicy.Svhn),
        "randaugment" => Augment.RandAugment(2, 9),
        "trivialaugment" => Augment.TrivialAugment(),
        _ => Augment.AugMix(),
    };

    private static Tensor Magnitudes(params float[] values) => tensor(values);

    [Theory]
    [MemberData(nameof(Policies))]
    public void A_policy_keeps_shape_and_type_and_values_in_zero_to_one_and_changes_the_batch(string name)
    {
        using var generator = new Generator(3, CPU);
        using var augmented = Policy(name).Apply(_batch, generator);

        Assert.Equal(_batch.shape, augmented.shape);
        Assert.Equal(_batch.dtype, augmented.dtype);
        Assert.True(augmented.min().item<float>() >= 0 && augmented.max().item<float>() <= 1);
        Assert.False(TensorAssert.AreIdentical(_batch, augmented));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void A_policy_repeats_under_the_same_seed_and_differs_under_another(string name)
    {
        var policy = Policy(name);
        using var first = new Generator(3, CPU);
        using var again = new Generator(3, CPU);
        using var other = new Generator(4, CPU);

        using var a = policy.Apply(_batch, first);
        using var b = policy.Apply(_batch, again);
        using var c = policy.Apply(_batch, other);

        TensorAssert.Identical(a, b);
        Assert.False(TensorAssert.AreIdentical(a, c));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void A_policy_keeps_one_channel_images_one_channel(string name)
    {
        using var grey = _batch.narrow(1, 0, 1).contiguous();
        using var generator = new Generator(3, CPU);
        using var augmented = Policy(name).Apply(grey, generator);

        Assert.Equal(grey.shape, augmented.shape);
        Assert.True(augmented.min().item<float>() >= 0 && augmented.max().item<float>() <= 1);
    }

    [Fact]
    public void RandAugment_refuses_a_magnitude_beyond_its_31_bins_and_AugMix_a_depth_of_zero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.RandAugment(2, 31));
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.RandAugment(0, 9));
        Assert.Throws<ArgumentException>(() => Augment.AugMix(depth: 0));
        Assert.Throws<ArgumentException>(() => Augment.AugMix(severity: 11));
    }

    [Fact]
    public void Each_image_gets_its_own_operation()
    {
        using var operations = tensor(new long[] { (long)PolicyOperation.Invert, (long)PolicyOperation.Identity });
        using var pair = _batch.narrow(0, 0, 2);
        using var magnitudes = Magnitudes(0, 0);

        using var result = PolicyOperations.Apply(pair, operations, magnitudes);

        TensorAssert.Close(pair[0].neg().add(1), result[0], 1e-6);
        TensorAssert.Identical(pair[1], result[1]);
    }

    [Fact]
    public void Solarize_inverts_the_levels_at_or_above_its_threshold()
    {
        using var image = tensor(new[] { 0.2f, 0.5f, 0.9f }).view(1, 1, 1, 3);
        using var expected = tensor(new[] { 0.2f, 0.5f, 0.1f }).view(1, 1, 1, 3);
        using var threshold = Magnitudes(200);

        using var result = PolicyOperations.Apply(PolicyOperation.Solarize, image, threshold);

        TensorAssert.Close(expected, result, 1e-6);
    }

    [Fact]
    public void Posterize_keeps_the_high_bits_of_each_8_bit_level()
    {
        // Levels 255 and 100 with 2 bits kept: 192 and 64.
        using var image = tensor(new[] { 1f, 100f / 255 }).view(1, 1, 1, 2);
        using var expected = tensor(new[] { 192f / 255, 64f / 255 }).view(1, 1, 1, 2);
        using var bits = Magnitudes(2);

        using var result = PolicyOperations.Apply(PolicyOperation.Posterize, image, bits);

        TensorAssert.Close(expected, result, 1e-6);
    }

    [Fact]
    public void AutoContrast_stretches_each_channel_to_zero_to_one_and_leaves_a_flat_channel()
    {
        using var image = tensor(new[] { 0.2f, 0.4f, 0.6f, 0.5f, 0.5f, 0.5f }).view(1, 2, 1, 3);
        using var expected = tensor(new[] { 0f, 0.5f, 1f, 0.5f, 0.5f, 0.5f }).view(1, 2, 1, 3);
        using var none = Magnitudes(0);

        using var result = PolicyOperations.Apply(PolicyOperation.AutoContrast, image, none);

        TensorAssert.Close(expected, result, 1e-6);
    }

    [Fact]
    public void Equalize_matches_torchvision_s_lookup_table()
    {
        // Levels 0, 0, 100, 200: histogram 2 at 0, 1 at 100, 1 at 200; step = (4 - 1) // 255 = 0, so unchanged.
        using var flat = tensor(new[] { 0f, 0f, 100f / 255, 200f / 255 }).view(1, 1, 2, 2);
        using var none = Magnitudes(0);
        using var same = PolicyOperations.Apply(PolicyOperation.Equalize, flat, none);
        TensorAssert.Close(flat, same, 1e-6);

        // 1,024 pixels: 512 at level 10, 256 at 20, 256 at 30. step = (1024 - 256) // 255 = 3;
        // lut = (cumsum + 1) // 3 shifted right: level 10 -> 0, 20 -> (512 + 1) // 3 = 171, 30 -> (768 + 1) // 3 = 256 -> 255.
        using var levels = cat([full([512], 10f), full([256], 20f), full([256], 30f)]).div(255).view(1, 1, 32, 32);
        using var expected = cat([full([512], 0f), full([256], 171f), full([256], 255f)]).div(255).view(1, 1, 32, 32);
        using var equalised = PolicyOperations.Apply(PolicyOperation.Equalize, levels, none);
        TensorAssert.Close(expected, equalised, 1e-6);
    }

    [Fact]
    public void TranslateX_moves_the_image_by_whole_pixels_and_fills_with_zero()
    {
        using var image = arange(1, 5, dtype: ScalarType.Float32).div(4).view(1, 1, 1, 4);
        using var expected = tensor(new[] { 0f, 0.25f, 0.5f, 0.75f }).view(1, 1, 1, 4);
        using var one = Magnitudes(1.7f);

        using var result = PolicyOperations.Apply(PolicyOperation.TranslateX, image, one);

        TensorAssert.Close(expected, result, 1e-6);
    }

    [Fact]
    public void Brightness_contrast_colour_and_sharpness_with_magnitude_zero_change_nothing()
    {
        using var none = zeros(16);
        foreach (var operation in new[] { PolicyOperation.Brightness, PolicyOperation.Color, PolicyOperation.Contrast, PolicyOperation.Sharpness, PolicyOperation.ShearX, PolicyOperation.Rotate })
        {
            using var result = PolicyOperations.Apply(operation, _batch, none);
            TensorAssert.Close(_batch, result, 1e-5);
        }
    }
}
