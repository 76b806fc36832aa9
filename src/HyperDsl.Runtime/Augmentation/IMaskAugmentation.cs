using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// A batch augmentation that can also transform segmentation masks with the same random draw, so
/// that every pixel keeps its class: a geometric transform moves the mask as it moves the image
/// (sampled with nearest neighbours, never blended, and pixels from outside the image take the
/// ignore index); a photometric one leaves the mask as it is.
/// </summary>
public interface IMaskAugmentation : IBatchAugmentation
{
    /// <summary>
    /// Returns the transformed batch and masks (new tensors in the caller's dispose scope):
    /// <paramref name="images"/> B x C x H x W, <paramref name="masks"/> B x H x W int64 classes.
    /// </summary>
    (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator);
}
