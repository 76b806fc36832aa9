using HyperDsl.Runtime.Augmentation;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Augmentation;

public sealed class EvaluationTransformTests
{
    public EvaluationTransformTests() => TorchRuntime.EnsureInitialized();

    /// <summary>B x 1 x size x size images numbered 0, 1, 2, ... row by row.</summary>
    private static Tensor Numbered(int size, int count = 2) =>
        arange(count * size * size, dtype: ScalarType.Float32).view(count, 1, size, size);

    [Fact]
    public void Resize_then_center_crop_gives_the_requested_shape_and_the_expected_pixels()
    {
        // Each row rises linearly from 0 to 1 across 4 columns: x / 3.
        using var ramp = arange(4, dtype: ScalarType.Float32).div_(3).view(1, 1, 1, 4).expand(2, 3, 4, 4).contiguous();

        using var evaluated = Evaluate.Pipeline(Evaluate.Resize(8), Evaluate.CenterCrop(4)).Apply(ramp);

        // Bilinear at pixel centres: output column j reads input column j / 2 - 1/4, so the 8 columns
        // are 0, 1/12, 3/12, 5/12, 7/12, 9/12, 11/12, 1 and the central 4 start at column 2.
        Assert.Equal([2L, 3, 4, 4], evaluated.shape);
        using var expected = tensor(new[] { 3f / 12, 5f / 12, 7f / 12, 9f / 12 }).view(1, 1, 1, 4).expand(2, 3, 4, 4);
        TensorAssert.Close(expected, evaluated, 1e-6);
    }

    [Theory]
    [InlineData(6, 4, 7)]   // margin 2: offset 1, pixel (1, 1)
    [InlineData(6, 3, 14)]  // margin 3: offset round(1.5) = 2, pixel (2, 2)
    [InlineData(5, 4, 0)]   // margin 1: offset round(0.5) = 0, as torchvision (Python rounds halves to even)
    public void A_center_crop_starts_where_torchvision_s_does(int size, int crop, int firstPixel)
    {
        using var images = Numbered(size);

        using var cropped = Evaluate.CenterCrop(crop).Apply(images);

        Assert.Equal([2L, 1, crop, crop], cropped.shape);
        Assert.Equal(firstPixel, cropped[0, 0, 0, 0].item<float>());
        using var expected = images.narrow(2, firstPixel / size, crop).narrow(3, firstPixel % size, crop);
        TensorAssert.Identical(expected, cropped);
    }

    [Fact]
    public void A_center_crop_larger_than_the_image_pads_it_with_zeros_around_it()
    {
        using var images = Numbered(2).add_(1);

        using var four = Evaluate.CenterCrop(4).Apply(images);
        using var three = Evaluate.CenterCrop(3).Apply(images);

        Assert.Equal([2L, 1, 4, 4], four.shape);
        TensorAssert.Identical(images, four.narrow(2, 1, 2).narrow(3, 1, 2));
        Assert.Equal(images.sum().item<float>(), four.sum().item<float>());

        // An odd shortfall puts the extra zero after the image, as torchvision does.
        TensorAssert.Identical(images, three.narrow(2, 0, 2).narrow(3, 0, 2));
        Assert.Equal(images.sum().item<float>(), three.sum().item<float>());
    }

    [Fact]
    public void Evaluation_transforms_repeat_exactly_and_leave_their_input_unchanged()
    {
        using var images = rand(4, 3, 10, 9);
        using var before = images.clone();
        var transform = Evaluate.Pipeline(Evaluate.Resize(12), Evaluate.CenterCrop(7));

        using var first = transform.Apply(images);
        using var second = transform.Apply(images);

        TensorAssert.Identical(first, second);
        TensorAssert.Identical(before, images);
        Assert.True(first.is_contiguous());
    }

    [Fact]
    public void Resize_and_center_crop_also_work_as_steps_of_a_training_pipeline()
    {
        using var images = rand(4, 3, 10, 10);
        using var generator = new Generator(1, CPU);

        using var augmented = Augment.Pipeline(Augment.Resize(16), Augment.CenterCrop(12)).Apply(images, generator);
        using var evaluated = Evaluate.Pipeline(Evaluate.Resize(16), Evaluate.CenterCrop(12)).Apply(images);

        TensorAssert.Identical(evaluated, augmented);
    }

    // The evaluate block under 'task segmentation': validation masks move with their images.
    public static TheoryData<string> MaskForms => ["resize_down", "resize_up", "center_crop", "center_crop_padded", "resize_then_center_crop"];

    [Theory]
    [MemberData(nameof(MaskForms))]
    public void A_validation_mask_moves_as_its_image_with_nearest_neighbours(string transform)
    {
        const long Ignore = 250;
        var evaluate = (IMaskTransform)(transform switch
        {
            "resize_down" => Evaluate.Resize(8),
            "resize_up" => Evaluate.Resize(17),
            "center_crop" => Evaluate.CenterCrop(7),
            "center_crop_padded" => Evaluate.CenterCrop(15),
            _ => Evaluate.Pipeline(Evaluate.Resize(14), Evaluate.CenterCrop(9)),
        });
        var (images, masks) = CoordinateImages.Make(2, 12);
        using (images)
        using (masks)
        {
            using var alone = evaluate.Apply(images);
            var (moved, movedMasks) = evaluate.Apply(images, masks, Ignore);
            using (moved)
            using (movedMasks)
            {
                TensorAssert.Identical(alone, moved);
                CoordinateImages.AssertMaskFollows(moved, movedMasks, 12, Ignore, nearestImage: transform.StartsWith("center_crop", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void A_padded_center_crop_fills_the_mask_with_the_ignore_index_around_the_image()
    {
        var (images, masks) = CoordinateImages.Make(2, 12);
        using (images)
        using (masks)
        {
            var (moved, movedMasks) = ((IMaskTransform)Evaluate.CenterCrop(15)).Apply(images, masks, 250);
            using (moved)
            using (movedMasks)
            {
                // A shortfall of 3: one row and column before the image, two after.
                Assert.Equal(250, movedMasks[0, 0, 5].item<long>());
                Assert.Equal(250, movedMasks[0, 14, 5].item<long>());
                Assert.Equal(0, movedMasks[0, 1, 1].item<long>());
                Assert.Equal((11 * 12) + 11, movedMasks[0, 12, 12].item<long>());
            }
        }
    }
}
