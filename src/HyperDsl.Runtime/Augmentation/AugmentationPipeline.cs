using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Applies several augmentations in order.</summary>
internal sealed class AugmentationPipeline(IReadOnlyList<IBatchAugmentation> steps) : IBatchAugmentation
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
}
