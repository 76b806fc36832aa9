using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// A batch-level augmentation that mixes images and their labels (<c>mixup</c>, <c>cutmix</c>):
/// each image is mixed with its partner, the image before it in the batch (the batch rolled by
/// one, as torchvision's v2 MixUp and CutMix), and the loss becomes the mix of the loss on each
/// image's own label and the loss on its partner's. The trainer applies it to training batches
/// after the per-image augmentations, drawing from the same seeded generator.
/// </summary>
public interface IBatchMixing
{
    /// <summary>Mixes a batch (B x C x H x W images in [0, 1], B int64 labels); the inputs are not changed.</summary>
    MixedBatch Mix(Tensor images, Tensor labels, Generator generator);
}

/// <summary>
/// A mixed batch: the images, each image's own labels and its partner's, and the weight of the
/// partner's label in the loss (the same for the whole batch; 0 when the batch was left as it was).
/// </summary>
/// <param name="Images">The mixed images.</param>
/// <param name="Labels">Each image's own label.</param>
/// <param name="PartnerLabels">The label of the image each was mixed with.</param>
/// <param name="PartnerWeight">The weight of <paramref name="PartnerLabels"/>: the loss is (1 - w) loss(Labels) + w loss(PartnerLabels).</param>
public sealed record MixedBatch(Tensor Images, Tensor Labels, Tensor PartnerLabels, double PartnerWeight);
