using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Applies several deterministic transforms in order.</summary>
internal sealed class TransformPipeline(IReadOnlyList<IBatchTransform> steps) : IMaskTransform
{
    public Tensor Apply(Tensor images)
    {
        using var scope = NewDisposeScope();
        var current = images;
        foreach (var step in steps)
        {
            current = step.Apply(current);
        }

        return (ReferenceEquals(current, images) ? images.clone() : current).MoveToOuterDisposeScope();
    }

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex)
    {
        using var scope = NewDisposeScope();
        var (current, currentMasks) = (images, masks);
        foreach (var step in steps)
        {
            (current, currentMasks) = ApplyToMasks(step, current, currentMasks, ignoreIndex);
        }

        return ((ReferenceEquals(current, images) ? images.clone() : current).MoveToOuterDisposeScope(),
            (ReferenceEquals(currentMasks, masks) ? masks.clone() : currentMasks).MoveToOuterDisposeScope());
    }

    /// <summary>Applies <paramref name="step"/> to images and masks alike; the checker allows, under <c>task segmentation</c>, only transforms that can.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="step"/> cannot transform masks.</exception>
    internal static (Tensor Images, Tensor Masks) ApplyToMasks(IBatchTransform step, Tensor images, Tensor masks, long ignoreIndex) =>
        step is IMaskTransform joint
            ? joint.Apply(images, masks, ignoreIndex)
            : throw new InvalidOperationException($"The transform {step.GetType().Name} cannot transform segmentation masks with their images; leave it out of a segmentation study.");
}
