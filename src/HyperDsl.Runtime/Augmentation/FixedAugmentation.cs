using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>A deterministic transform (resize, center_crop) as a step of an <c>augment { }</c> pipeline; it draws no random numbers.</summary>
internal sealed class FixedAugmentation(IBatchTransform transform) : IMaskAugmentation
{
    public Tensor Apply(Tensor images, Generator generator) => transform.Apply(images);

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator) =>
        TransformPipeline.ApplyToMasks(transform, images, masks, ignoreIndex);
}
