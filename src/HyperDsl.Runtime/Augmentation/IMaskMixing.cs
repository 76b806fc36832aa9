using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// A batch mixing that can also mix segmentation masks (<c>cutmix</c> under <c>task segmentation</c>):
/// whatever it pastes of an image's partner into the image, it pastes of the partner's mask into the
/// mask at the same pixels, so every pixel keeps the class of the image it now shows and the loss is
/// the per-pixel loss on the mixed masks.
/// </summary>
public interface IMaskMixing : IBatchMixing
{
    /// <summary>
    /// Returns the mixed batch and masks (new tensors in the caller's dispose scope):
    /// <paramref name="images"/> B x C x H x W, <paramref name="masks"/> B x H x W int64 classes.
    /// </summary>
    (Tensor Images, Tensor Masks) MixMasks(Tensor images, Tensor masks, Generator generator);
}
