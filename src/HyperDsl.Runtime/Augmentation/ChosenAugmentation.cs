using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// An augmentation applied to each image with a probability: the whole batch is transformed and
/// each image keeps its transformed or its original version by an independent draw, so a
/// transform with no probability of its own (rotate) gets one, exactly like the flips.
/// </summary>
internal sealed class ChosenAugmentation(IBatchAugmentation inner, double probability) : IBatchAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var transformed = inner.Apply(images, generator);
        var chosen = RandomDraw.Chosen(images.shape[0], probability, generator, images.device);
        return where(chosen, transformed, images).MoveToOuterDisposeScope();
    }
}
