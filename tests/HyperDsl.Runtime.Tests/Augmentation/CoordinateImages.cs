using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Augmentation;

/// <summary>
/// Images that say where each of their pixels came from, with masks that say it too: channel 0 holds
/// the pixel's row / 64, channel 1 its column / 64 and channel 2 holds 0.5 (so a pixel read partly
/// from outside the image shows less); the mask holds row x width + column. Bilinear resampling of a
/// coordinate gives the point it read, so a mask moved with the image's geometry and nearest
/// neighbours holds, at each pixel, the input pixel nearest to that point.
/// </summary>
internal static class CoordinateImages
{
    private const float Scale = 64;

    /// <summary><paramref name="count"/> equal images and masks of <paramref name="size"/> x <paramref name="size"/>, at most 15 so that no mask value reaches 255.</summary>
    public static (Tensor Images, Tensor Masks) Make(int count, int size)
    {
        using var scope = NewDisposeScope();
        var rows = arange(size, dtype: ScalarType.Float32).view(size, 1).expand(size, size);
        var columns = arange(size, dtype: ScalarType.Float32).view(1, size).expand(size, size);
        var image = stack([rows.div(Scale), columns.div(Scale), full_like(rows, 0.5f)]);
        var mask = rows.mul(size).add(columns).to_type(ScalarType.Int64);
        return (image.expand(count, 3, size, size).contiguous().MoveToOuterDisposeScope(), mask.expand(count, size, size).contiguous().MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Asserts that each mask pixel is the input pixel nearest to the point its image pixel read (within
    /// half a pixel on each axis) wherever the image read only the inside of the image, and that a
    /// pixel the mask ignores read outside it. With <paramref name="nearestImage"/> the image was moved
    /// by whole pixels too: the mask is its image's pixel exactly, and the padding is ignored.
    /// </summary>
    public static void AssertMaskFollows(Tensor images, Tensor masks, int inputSize, long ignoreIndex, bool nearestImage = false)
    {
        using var scope = NewDisposeScope();
        Assert.Equal(ScalarType.Int64, masks.dtype);
        Assert.Equal([images.shape[0], images.shape[2], images.shape[3]], masks.shape);
        var readRows = images.select(1, 0).mul(Scale);
        var readColumns = images.select(1, 1).mul(Scale);
        var inside = images.select(1, 2).sub(0.5f).abs().lt(1e-5f);
        var ignored = masks.eq(ignoreIndex);
        var maskRows = masks.div(inputSize, RoundingMode.floor).to_type(ScalarType.Float32);
        var maskColumns = masks.remainder(inputSize).to_type(ScalarType.Float32);
        var tolerance = nearestImage ? 1e-4f : 0.5f + 1e-4f;

        Assert.True(inside.any().item<bool>(), "no pixel read the inside of the image, so the test proves nothing");
        Assert.False(inside.logical_and(ignored).any().item<bool>(), "the mask ignores a pixel whose image pixel read the inside of the image");
        Assert.True(maskRows.sub(readRows).abs().le(tolerance).masked_select(inside).all().item<bool>(), "a mask pixel comes from another row than its image pixel");
        Assert.True(maskColumns.sub(readColumns).abs().le(tolerance).masked_select(inside).all().item<bool>(), "a mask pixel comes from another column than its image pixel");
        Assert.True(masks.masked_select(ignored.logical_not()).lt(inputSize * inputSize).all().item<bool>(), "the mask holds a value that was not there");
        if (nearestImage)
        {
            Assert.True(ignored.eq(images.select(1, 2).eq(0)).all().item<bool>(), "the mask's ignored pixels are not the image's padding");
        }
    }
}
