using HyperDsl.Runtime.Augmentation;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Augmentation;

/// <summary>
/// Joint augmentation of images and masks: each image's pixel is its class / 2, so a mask derived from
/// the image stays derived from it after a transform only if both moved alike.
/// </summary>
public sealed class MaskAugmentationTests : IDisposable
{
    private const long Ignore = 255;
    private readonly Tensor _masks;
    private readonly Tensor _images;

    public MaskAugmentationTests()
    {
        TorchRuntime.EnsureInitialized();
        using var generator = new Generator(3, CPU);
        _masks = randint(0, 3, [6, 12, 12], ScalarType.Int64, generator: generator);
        _images = _masks.unsqueeze(1).to_type(ScalarType.Float32).div(2).expand(6, 3, 12, 12).contiguous();
    }

    public void Dispose()
    {
        _masks.Dispose();
        _images.Dispose();
    }

    // Where the mask is not ignored it is the image's class; where it is ignored (padding), the image is the zero padding.
    private static void AssertAligned(Tensor images, Tensor masks)
    {
        using var scope = NewDisposeScope();
        var fromImage = images.select(1, 0).mul(2).round().to_type(ScalarType.Int64);
        var kept = masks.ne(Ignore);
        Assert.True(fromImage.masked_select(kept).eq(masks.masked_select(kept)).all().item<bool>(), "the mask no longer follows its image");
        Assert.True(images.select(1, 0).masked_select(kept.logical_not()).eq(0).all().item<bool>(), "an ignored pixel is not padding");
    }

    public static TheoryData<string> Geometric => ["hflip", "vflip", "random_crop", "random_crop_padded", "rotate_90", "rotate_90_half_the_time", "pipeline"];

    private static IMaskAugmentation Make(string name) => (IMaskAugmentation)(name switch
    {
        "hflip" => Augment.HorizontalFlip(0.5),
        "vflip" => Augment.VerticalFlip(0.5),
        "random_crop" => Augment.RandomCrop(8),
        "random_crop_padded" => Augment.RandomCrop(12, padding: 3),
        "rotate_90" => Augment.Rotation(90, 90),
        "rotate_90_half_the_time" => Augment.WithProbability(Augment.Rotation(90, 90), 0.5),
        _ => Augment.Pipeline(Augment.HorizontalFlip(), Augment.ColorJitter(brightness: 0), Augment.RandomCrop(10, padding: 2), Augment.VerticalFlip()),
    });

    [Theory]
    [MemberData(nameof(Geometric))]
    public void A_mask_derived_from_its_image_stays_derived_after_a_geometric_transform(string transform)
    {
        using var generator = new Generator(7, CPU);
        var (images, masks) = Make(transform).Apply(_images, _masks, Ignore, generator);
        using (images)
        using (masks)
        {
            Assert.Equal(ScalarType.Int64, masks.dtype);
            Assert.Equal([images.shape[0], images.shape[2], images.shape[3]], masks.shape);
            AssertAligned(images, masks);
        }
    }

    [Fact]
    public void A_padded_crop_fills_the_mask_outside_the_image_with_the_ignore_index()
    {
        using var generator = new Generator(2, CPU);
        var (images, masks) = ((IMaskAugmentation)Augment.RandomCrop(12, padding: 4)).Apply(_images, _masks, Ignore, generator);
        using (images)
        using (masks)
        {
            Assert.True(masks.eq(Ignore).any().item<bool>());
        }
    }

    [Fact]
    public void A_rotated_mask_holds_only_classes_that_were_there_or_the_ignore_index()
    {
        using var generator = new Generator(4, CPU);
        var (images, masks) = ((IMaskAugmentation)Augment.Rotation(30)).Apply(_images, _masks, Ignore, generator);
        using (images)
        using (masks)
        {
            var values = masks.data<long>().ToArray().Distinct().Order().ToArray();
            Assert.Equal([0L, 1, 2, Ignore], values);
        }
    }

    [Fact]
    public void A_joint_flip_draws_as_the_image_flip_does_so_seeded_images_repeat()
    {
        using var first = new Generator(9, CPU);
        using var second = new Generator(9, CPU);
        using var alone = Augment.HorizontalFlip().Apply(_images, first);
        var (images, masks) = ((IMaskAugmentation)Augment.HorizontalFlip()).Apply(_images, _masks, Ignore, second);
        using (images)
        using (masks)
        {
            TensorAssert.Identical(alone, images);
        }
    }

    [Fact]
    public void Colour_jitter_leaves_masks_alone()
    {
        using var generator = new Generator(1, CPU);
        var (images, masks) = ((IMaskAugmentation)Augment.ColorJitter(brightness: 0.5)).Apply(_images, _masks, Ignore, generator);
        using (images)
        using (masks)
        {
            TensorAssert.Identical(_masks, masks);
        }
    }

    [Fact]
    public void A_transform_without_a_mask_form_is_refused_in_a_joint_pipeline()
    {
        using var generator = new Generator(1, CPU);
        var pipeline = (IMaskAugmentation)Augment.Pipeline(Augment.HorizontalFlip(), Augment.AugMix());

        var error = Assert.Throws<InvalidOperationException>(() => pipeline.Apply(_images, _masks, Ignore, generator));

        Assert.Contains("cannot transform segmentation masks", error.Message, StringComparison.Ordinal);
    }

    // The transforms given mask forms for issue 17, on images that say where each pixel came from
    // (CoordinateImages): the mask must hold, at every pixel, the input pixel nearest to where the
    // image read, and the ignore index exactly where the image read padding.
    public static TheoryData<string> Moving => ["translate", "random_resized_crop", "random_resized_crop_small", "resize_down", "resize_up", "center_crop", "center_crop_padded"];

    private static IMaskAugmentation MakeMoving(string name) => (IMaskAugmentation)(name switch
    {
        "translate" => Augment.Translation(0.4, 0.3),
        "random_resized_crop" => Augment.RandomResizedCrop(12),
        "random_resized_crop_small" => Augment.RandomResizedCrop(7, minScale: 0.2, maxScale: 0.5),
        "resize_down" => Augment.Resize(8),
        "resize_up" => Augment.Resize(15),
        "center_crop" => Augment.CenterCrop(7),
        _ => Augment.CenterCrop(15),
    });

    [Theory]
    [MemberData(nameof(Moving))]
    public void A_mask_moves_as_its_image_with_nearest_neighbours_and_the_ignore_index_outside(string transform)
    {
        const long OtherIgnore = 250;
        var (images, masks) = CoordinateImages.Make(8, 12);
        using (images)
        using (masks)
        {
            using var generator = new Generator(11, CPU);
            var (moved, movedMasks) = MakeMoving(transform).Apply(images, masks, OtherIgnore, generator);
            using (moved)
            using (movedMasks)
            {
                CoordinateImages.AssertMaskFollows(moved, movedMasks, 12, OtherIgnore, nearestImage: transform is "translate" or "center_crop" or "center_crop_padded");
            }
        }
    }

    [Theory]
    [InlineData("translate")]
    [InlineData("center_crop_padded")]
    public void Pixels_shifted_or_padded_in_from_outside_take_the_ignore_index(string transform)
    {
        var (images, masks) = CoordinateImages.Make(8, 12);
        using (images)
        using (masks)
        {
            using var generator = new Generator(11, CPU);
            var (moved, movedMasks) = MakeMoving(transform).Apply(images, masks, Ignore, generator);
            using (moved)
            using (movedMasks)
            {
                Assert.True(movedMasks.eq(Ignore).any().item<bool>());
            }
        }
    }

    [Theory]
    [InlineData("translate")]
    [InlineData("random_resized_crop")]
    public void A_joint_transform_draws_as_the_image_transform_does_so_seeded_images_repeat(string transform)
    {
        using var first = new Generator(5, CPU);
        using var second = new Generator(5, CPU);
        using var alone = MakeMoving(transform).Apply(_images, first);
        var (images, masks) = MakeMoving(transform).Apply(_images, _masks, Ignore, second);
        using (images)
        using (masks)
        {
            TensorAssert.Identical(alone, images);
        }
    }

    // As torchvision's v2 RandomErasing, which passes masks through: the erased pixels keep their classes.
    [Fact]
    public void Random_erasing_erases_the_image_as_alone_and_leaves_the_mask_alone()
    {
        using var first = new Generator(6, CPU);
        using var second = new Generator(6, CPU);
        using var alone = Augment.RandomErasing(p: 1).Apply(_images, first);
        var (images, masks) = ((IMaskAugmentation)Augment.RandomErasing(p: 1)).Apply(_images, _masks, Ignore, second);
        using (images)
        using (masks)
        {
            TensorAssert.Identical(alone, images);
            Assert.False(images.eq(_images).all().item<bool>());
            TensorAssert.Identical(_masks, masks);
        }
    }

    // The policies' operations, each image of a batch with its own: the geometric ones (nearest, as
    // torchvision's policies) move the masks through the image's map, the colour ones leave them alone.
    [Theory]
    [InlineData("ShearX", 0.3)]
    [InlineData("ShearY", -0.3)]
    [InlineData("TranslateX", 4)]
    [InlineData("TranslateY", -3)]
    [InlineData("Rotate", 30)]
    public void A_policy_s_geometric_operation_moves_the_mask_as_the_image(string name, double magnitude)
    {
        var operation = Enum.Parse<PolicyOperation>(name);
        var (images, masks) = CoordinateImages.Make(4, 12);
        using (images)
        using (masks)
        {
            // Images 0 and 2 take the operation, 1 and 3 stay as they are.
            using var operations = tensor(new[] { (long)operation, (long)PolicyOperation.Identity, (long)operation, (long)PolicyOperation.Identity });
            using var magnitudes = tensor(new[] { (float)magnitude, 0f, (float)(magnitude / 2), 0f });
            using var alone = PolicyOperations.Apply(images, operations, magnitudes);
            var (moved, movedMasks) = PolicyOperations.Apply(images, masks, 250, operations, magnitudes);
            using (moved)
            using (movedMasks)
            {
                TensorAssert.Identical(alone, moved);
                CoordinateImages.AssertMaskFollows(moved, movedMasks, 12, 250, nearestImage: true);
                Assert.True(movedMasks.eq(250).any().item<bool>(), "no pixel came from outside the image");
                TensorAssert.Identical(masks[1], movedMasks[1]);
            }
        }
    }

    [Theory]
    [InlineData("Brightness", 0.5)]
    [InlineData("Equalize", 0)]
    [InlineData("Solarize", 100)]
    [InlineData("Invert", 0)]
    public void A_policy_s_colour_operation_leaves_the_mask_alone(string name, double magnitude)
    {
        var operation = Enum.Parse<PolicyOperation>(name);
        using var operations = full([6], (long)operation, ScalarType.Int64);
        using var magnitudes = full([6], (float)magnitude, ScalarType.Float32);
        using var alone = PolicyOperations.Apply(_images, operations, magnitudes);
        var (images, masks) = PolicyOperations.Apply(_images, _masks, Ignore, operations, magnitudes);
        using (images)
        using (masks)
        {
            TensorAssert.Identical(alone, images);
            TensorAssert.Identical(_masks, masks);
        }
    }

    public static TheoryData<string> Policies => ["autoaugment", "randaugment", "trivialaugment"];

    private static IBatchAugmentation MakePolicy(string name) => name switch
    {
        "autoaugment" => Augment.AutoAugment(AutoAugmentPolicy.Svhn),
        "randaugment" => Augment.RandAugment(operations: 3, magnitude: 20),
        _ => Augment.TrivialAugment(),
    };

    // The draws are the image-only policy's, so a seeded run augments the images alike with or without
    // masks; with 64 images some draw a geometric operation and move their masks, the others keep them.
    [Theory]
    [MemberData(nameof(Policies))]
    public void A_policy_draws_as_on_images_alone_and_moves_only_the_masks_of_geometric_draws(string policy)
    {
        using var batch = _images.repeat(11, 1, 1, 1).narrow(0, 0, 64);
        using var batchMasks = _masks.repeat(11, 1, 1).narrow(0, 0, 64);
        using var first = new Generator(8, CPU);
        using var second = new Generator(8, CPU);
        using var alone = MakePolicy(policy).Apply(batch, first);
        var (images, masks) = ((IMaskAugmentation)MakePolicy(policy)).Apply(batch, batchMasks, Ignore, second);
        using (images)
        using (masks)
        {
            TensorAssert.Identical(alone, images);
            using var moved = masks.ne(batchMasks).flatten(1).any(1);
            Assert.True(moved.any().item<bool>(), "no mask moved");
            Assert.False(moved.all().item<bool>(), "every mask moved");
            var values = masks.data<long>().ToArray().Distinct().Order().ToArray();
            Assert.Subset(new HashSet<long> { 0, 1, 2, Ignore }, values.ToHashSet());
        }
    }
}
