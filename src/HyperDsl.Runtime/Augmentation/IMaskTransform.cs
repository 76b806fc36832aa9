using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// A deterministic transform that can also transform segmentation masks, so that validation
/// images keep their classes pixel for pixel: the mask is moved with exactly the image's geometry,
/// sampled with nearest neighbours (a class is never blended), and pixels from outside the image
/// (padding) take the ignore index.
/// </summary>
public interface IMaskTransform : IBatchTransform
{
    /// <summary>
    /// Returns the transformed batch and masks (new tensors in the caller's dispose scope):
    /// <paramref name="images"/> B x C x H x W, <paramref name="masks"/> B x H x W int64 classes.
    /// </summary>
    (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex);
}
