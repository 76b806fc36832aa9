using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Applies several augmentations in order.</summary>
internal sealed class AugmentationPipeline(IReadOnlyList<IBatchAugmentation> steps) : IMaskAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        var current = images;
        foreach (var step in steps)
        {
            current = step.Apply(current, generator);
        }

        return ReferenceEquals(current, images) ? images.alias() : current;
    }

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator)
    {
        var (current, currentMasks) = (images, masks);
        foreach (var step in steps)
        {
            (current, currentMasks) = ApplyToMasks(step, current, currentMasks, ignoreIndex, generator);
        }

        return (ReferenceEquals(current, images) ? images.alias() : current, ReferenceEquals(currentMasks, masks) ? masks.alias() : currentMasks);
    }

    /// <summary>Applies <paramref name="step"/> to images and masks alike; the checker refuses, under <c>task segmentation</c>, a transform that cannot.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="step"/> cannot transform masks.</exception>
    internal static (Tensor Images, Tensor Masks) ApplyToMasks(IBatchAugmentation step, Tensor images, Tensor masks, long ignoreIndex, Generator generator) =>
        step is IMaskAugmentation joint
            ? joint.Apply(images, masks, ignoreIndex, generator)
            : throw new InvalidOperationException($"The augmentation {step.GetType().Name} cannot transform segmentation masks with their images; leave it out of a segmentation study.");

    /// <summary>Mixes images and masks alike (cutmix); the checker refuses, under <c>task segmentation</c>, a mixing that cannot.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="mixing"/> cannot mix masks.</exception>
    internal static (Tensor Images, Tensor Masks) MixMasks(IBatchMixing mixing, Tensor images, Tensor masks, Generator generator) =>
        mixing is IMaskMixing joint
            ? joint.MixMasks(images, masks, generator)
            : throw new InvalidOperationException($"The mixing {mixing.GetType().Name} cannot mix segmentation masks with their images; under 'task segmentation' only cutmix mixes batches.");
}
