using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// The one way the runtime resizes images, so that the data section's <c>resize</c> and the
/// evaluation transforms' <c>resize(n)</c> give the same pixels for the same images.
/// </summary>
internal static class Resampling
{
    /// <summary>Bilinear (pixel centres, no antialiasing, like the augmentations' resampling), clamped to [0, 1]; a new tensor.</summary>
    public static Tensor Resize(Tensor images, long height, long width) =>
        nn.functional.interpolate(images, [height, width], mode: InterpolationMode.Bilinear, align_corners: false).clamp_(Zero, One);

    /// <summary>
    /// Resizes N x H x W int64 masks with nearest neighbours at the points <see cref="Resize"/> reads
    /// (pixel centres), so every pixel takes the class of the input pixel nearest to where its image
    /// value was read; a class is never blended. A new tensor.
    /// </summary>
    public static Tensor ResizeMasks(Tensor masks, long height, long width)
    {
        using var scope = NewDisposeScope();

        // The identity map read at height x width output pixel centres reads where the bilinear resize
        // reads; no point falls outside the mask, so the ignore index (0 here) is never taken.
        var identity = eye(2, 3, ScalarType.Float32, masks.device).expand(masks.shape[0], 2, 3);
        return Augmentation.MaskSampler.Sample(masks, identity, height, width, ignoreIndex: 0).MoveToOuterDisposeScope();
    }
}
