using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// An augmentation applied to each image with a probability: the whole batch is transformed and
/// each image keeps its transformed or its original version by an independent draw, so a
/// transform with no probability of its own (rotate) gets one, exactly like the flips.
/// </summary>
internal sealed class ChosenAugmentation(IBatchAugmentation inner, double probability) : IMaskAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var transformed = inner.Apply(images, generator);
        var chosen = RandomDraw.Chosen(images.shape[0], probability, generator, images.device);
        return where(chosen, transformed, images).MoveToOuterDisposeScope();
    }

    // The same images are chosen for the image and the mask; an inner transform that cannot move masks is refused.
    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (transformed, transformedMasks) = AugmentationPipeline.ApplyToMasks(inner, images, masks, ignoreIndex, generator);
        var chosen = RandomDraw.Chosen(images.shape[0], probability, generator, images.device);
        var result = where(chosen, transformed, images);
        var resultMasks = where(chosen.view(-1, 1, 1), transformedMasks, masks);
        return (result.MoveToOuterDisposeScope(), resultMasks.MoveToOuterDisposeScope());
    }
}
