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
}
