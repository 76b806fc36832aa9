using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// TrivialAugment (Müller and Hutter 2021) in torchvision's wide form: each image draws one of 14
/// operations and one of 31 magnitude bins uniformly, with a random sign.
/// </summary>
internal sealed class TrivialAugmentWide : IBatchAugmentation
{
    private const int Bins = 31;

    private static readonly PolicySpace Space = PolicySpace.Wide(Bins);

    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var count = images.shape[0];
        var indices = randint(0, Space.Count, [count], ScalarType.Int64, generator: generator);
        var bins = randint(0, Bins, [count], ScalarType.Int64, generator: generator);
        var (operations, magnitudes) = Space.Look(indices, bins, generator, images.device);
        return PolicyOperations.Apply(images, operations, magnitudes).MoveToOuterDisposeScope();
    }
}
