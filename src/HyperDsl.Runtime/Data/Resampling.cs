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
        nn.functional.interpolate(images, [height, width], mode: InterpolationMode.Bilinear, align_corners: false).clamp_(0, 1);

    /// <summary>Resizes N x H x W int64 masks with nearest neighbours, so every pixel keeps a class (or the ignore index) that was there.</summary>
    public static Tensor ResizeMasks(Tensor masks, long height, long width)
    {
        using var scope = NewDisposeScope();
        var asFloat = masks.unsqueeze(1).to_type(ScalarType.Float32);
        var resized = nn.functional.interpolate(asFloat, [height, width], mode: InterpolationMode.Nearest);
        return resized.squeeze(1).to_type(ScalarType.Int64).MoveToOuterDisposeScope();
    }
}
