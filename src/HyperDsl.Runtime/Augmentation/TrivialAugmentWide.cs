using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// TrivialAugment (Müller and Hutter 2021) in torchvision's wide form: each image draws one of 14
/// operations and one of 31 magnitude bins uniformly, with a random sign. A mask moves with its image
/// through the geometric operations and is left alone by the colour ones.
/// </summary>
internal sealed class TrivialAugmentWide : IMaskAugmentation
{
    private const int Bins = 31;

    private static readonly PolicySpace Space = PolicySpace.Wide(Bins);

    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (operations, magnitudes) = Draw(images, generator);
        return PolicyOperations.Apply(images, operations, magnitudes).MoveToOuterDisposeScope();
    }

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (operations, magnitudes) = Draw(images, generator);
        var (result, resultMasks) = PolicyOperations.Apply(images, masks, ignoreIndex, operations, magnitudes);
        return (result.MoveToOuterDisposeScope(), resultMasks.MoveToOuterDisposeScope());
    }

    private static (Tensor Operations, Tensor Magnitudes) Draw(Tensor images, Generator generator)
    {
        var count = images.shape[0];
        var indices = randint(0, Space.Count, [count], ScalarType.Int64, generator: generator);
        var bins = randint(0, Bins, [count], ScalarType.Int64, generator: generator);
        return Space.Look(indices, bins, generator, images.device);
    }
}
