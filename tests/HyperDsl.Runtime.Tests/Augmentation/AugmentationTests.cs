using HyperDsl.Runtime.Augmentation;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Augmentation;

public sealed class AugmentationTests : IDisposable
{
    private readonly Tensor _batch;

    public AugmentationTests()
    {
        TorchRuntime.EnsureInitialized();
        using var generator = new Generator(5, CPU);
        _batch = rand([8, 3, 12, 10], generator: generator);
    }

    public void Dispose() => _batch.Dispose();

    private static Generator Seeded(ulong seed = 1) => new(seed, CPU);

    [Fact]
    public void Flipping_twice_is_the_identity()
    {
        foreach (var flip in new[] { Augment.HorizontalFlip(p: 1), Augment.VerticalFlip(p: 1) })
        {
            using var generator = Seeded();
            using var once = flip.Apply(_batch, generator);
            using var twice = flip.Apply(once, generator);

            Assert.False(TensorAssert.AreIdentical(_batch, once));
            TensorAssert.Identical(_batch, twice);
        }
    }

    [Fact]
    public void A_flip_with_probability_one_half_mirrors_some_images_and_keeps_the_others()
    {
        using var generator = Seeded();
        using var flipped = Augment.HorizontalFlip(0.5).Apply(_batch, generator);
        using var mirrored = _batch.flip(3);

        var kept = Enumerable.Range(0, 8).Count(i => TensorAssert.AreIdentical(_batch[i], flipped[i]));
        var mirroredCount = Enumerable.Range(0, 8).Count(i => TensorAssert.AreIdentical(mirrored[i], flipped[i]));
        Assert.Equal(8, kept + mirroredCount);
        Assert.InRange(kept, 1, 7);
    }

    [Fact]
    public void Rotation_by_zero_degrees_is_the_identity()
    {
        using var generator = Seeded();
        using var rotated = Augment.Rotation(0).Apply(_batch, generator);

        // Bilinear sampling exactly at pixel centres: equal up to float rounding.
        TensorAssert.Close(_batch, rotated, 1e-5);
    }

    [Fact]
    public void Rotation_by_a_quarter_turn_of_a_square_image_moves_pixels_as_rot90()
    {
        using var square = arange(16, dtype: ScalarType.Float32).view(1, 1, 4, 4);
        using var generator = Seeded();
        using var rotated = Augment.Rotation(90, 90).Apply(square, generator);
        using var expected = square.rot90(1, (2, 3));
        using var reversed = square.rot90(-1, (2, 3));

        Assert.True(
            rotated.sub(expected).abs().max().item<float>() < 1e-4 || rotated.sub(reversed).abs().max().item<float>() < 1e-4,
            "A 90-degree rotation should permute pixels like rot90.");
    }

    [Fact]
    public void A_rotation_with_probability_p_rotates_about_p_of_the_images_and_keeps_the_others_exactly()
    {
        // rotate(degrees: [90, 90], p: 0.25) on 400 seeded images: each is rotated or untouched, about a quarter rotated.
        using var images = arange(16, dtype: ScalarType.Float32).view(1, 1, 4, 4).expand(400, 1, 4, 4).contiguous();
        using var generator = Seeded();
        using var augmented = Augment.WithProbability(Augment.Rotation(90, 90), 0.25).Apply(images, generator);

        var kept = Enumerable.Range(0, 400).Count(i => TensorAssert.AreIdentical(images[i], augmented[i]));
        var rotated = 400 - kept;
        Assert.InRange(rotated, 70, 130);
        Assert.All(Enumerable.Range(0, 400).Where(i => !TensorAssert.AreIdentical(images[i], augmented[i])),
            i => Assert.True(augmented[i].sub(images[i]).abs().max().item<float>() > 1, "A chosen image is rotated, not blended."));
    }

    [Fact]
    public void A_probability_of_one_is_the_augmentation_itself()
    {
        var rotation = Augment.Rotation(10);

        Assert.Same(rotation, Augment.WithProbability(rotation, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.WithProbability(rotation, 1.5));
    }

    [Theory]
    [InlineData(12, 0)]
    [InlineData(12, 4)]
    [InlineData(8, 2)]
    public void Random_crops_have_the_requested_size_and_copy_pixels_unblended(int size, int padding)
    {
        using var generator = Seeded();
        using var square = _batch.narrow(3, 0, 10).narrow(2, 0, 10);
        var crop = Augment.RandomCrop(Math.Min(size, 10), padding);
        using var cropped = crop.Apply(square, generator);

        Assert.Equal([8L, 3, Math.Min(size, 10), Math.Min(size, 10)], cropped.shape);

        // Every output value is either padding (0) or some input value.
        using var values = square.flatten().unique().Item1;
        using var output = cropped.flatten();
        using var found = isin(output, values).logical_or_(output.eq(0));
        Assert.True(found.all().item<bool>());
    }

    [Fact]
    public void A_crop_the_size_of_the_image_without_padding_is_the_identity()
    {
        using var square = _batch.narrow(2, 0, 10).contiguous();
        using var generator = Seeded();
        using var cropped = Augment.RandomCrop(10, padding: 0).Apply(square, generator);

        TensorAssert.Identical(square, cropped);
    }

    [Fact]
    public void A_random_resized_crop_of_the_whole_image_at_its_own_size_is_the_identity_and_otherwise_has_the_requested_size()
    {
        using var generator = Seeded();
        using var square = _batch.narrow(2, 0, 10).contiguous();
        using var whole = Augment.RandomResizedCrop(10, minScale: 1, maxScale: 1, minAspect: 1, maxAspect: 1).Apply(square, generator);
        using var resized = Augment.RandomResizedCrop(6).Apply(_batch, generator);

        TensorAssert.Close(square, whole, 1e-5);
        Assert.Equal([8L, 3, 6, 6], resized.shape);
    }

    [Fact]
    public void Translation_by_at_most_zero_is_the_identity_and_otherwise_shifts_whole_pixels()
    {
        using var generator = Seeded();
        using var still = Augment.Translation(0, 0).Apply(_batch, generator);
        using var shifted = Augment.Translation(0.2, 0.2).Apply(_batch, generator);

        TensorAssert.Identical(_batch, still);
        Assert.Equal(_batch.shape, shifted.shape);
        using var values = _batch.flatten().unique().Item1;
        using var found = isin(shifted.flatten(), values).logical_or_(shifted.flatten().eq(0));
        Assert.True(found.all().item<bool>());
    }

    [Fact]
    public void Colour_jitter_of_strength_zero_changes_nothing_and_otherwise_stays_between_zero_and_one()
    {
        using var generator = Seeded();
        using var same = Augment.ColorJitter().Apply(_batch, generator);
        using var jittered = Augment.ColorJitter(brightness: 0.8, contrast: 0.8, saturation: 0.8).Apply(_batch, generator);

        TensorAssert.Identical(_batch, same);
        Assert.False(TensorAssert.AreIdentical(_batch, jittered));
        Assert.True(jittered.min().item<float>() >= 0 && jittered.max().item<float>() <= 1);
    }

    [Fact]
    public void Random_erasing_sets_one_rectangle_per_chosen_image_to_the_value()
    {
        using var generator = Seeded();
        using var erased = Augment.RandomErasing(p: 1, minArea: 0.1, maxArea: 0.2, value: -1).Apply(_batch, generator);
        using var never = Augment.RandomErasing(p: 0).Apply(_batch, generator);

        TensorAssert.Identical(_batch, never);
        for (var i = 0; i < 8; i++)
        {
            using var mask = erased[i][0].eq(-1);
            using var rows = mask.any(1).nonzero();
            using var columns = mask.any(0).nonzero();
            var area = mask.sum().item<long>();
            Assert.Equal(rows.shape[0] * columns.shape[0], area);
            Assert.InRange(area, 1, 12 * 10 / 2);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_augmented_batch_and_another_seed_another()
    {
        var pipeline = Augment.Pipeline(Augment.HorizontalFlip(), Augment.Rotation(15), Augment.RandomCrop(12, 2), Augment.RandomErasing());

        Tensor Run(ulong seed)
        {
            using var generator = Seeded(seed);
            return pipeline.Apply(_batch.narrow(3, 0, 10).narrow(2, 0, 10), generator);
        }

        using var a = Run(3);
        using var b = Run(3);
        using var c = Run(4);
        TensorAssert.Identical(a, b);
        Assert.False(TensorAssert.AreIdentical(a, c));
    }

    [Fact]
    public void Augmentation_leaves_its_input_unchanged()
    {
        using var before = _batch.clone();
        using var generator = Seeded();
        using var _ = Augment.Pipeline(Augment.HorizontalFlip(1), Augment.ColorJitter(0.5, 0.5, 0.5), Augment.RandomErasing(1)).Apply(_batch, generator);

        TensorAssert.Identical(before, _batch);
    }
}
