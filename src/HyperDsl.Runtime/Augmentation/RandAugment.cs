using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// RandAugment (Cubuk et al. 2019) as torchvision's: <c>operations</c> times in a row, each image
/// draws one of 14 operations uniformly and applies it at magnitude bin <c>magnitude</c> of 31,
/// with a random sign. Every image draws its own operations (torchvision draws one per call).
/// </summary>
internal sealed class RandAugment(int operations, int magnitude) : IBatchAugmentation
{
    /// <summary>torchvision's num_magnitude_bins: magnitudes 0 to 30.</summary>
    public const int Bins = 31;

    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var count = images.shape[0];
        var space = PolicySpace.Standard(Bins, images.shape[2], images.shape[3], autoAugment: false);
        var result = images;
        for (var step = 0; step < operations; step++)
        {
            var indices = randint(0, space.Count, [count], ScalarType.Int64, generator: generator);
            var bins = full([count], magnitude, ScalarType.Int64);
            var (chosen, magnitudes) = space.Look(indices, bins, generator, images.device);
            result = PolicyOperations.Apply(result, chosen, magnitudes);
        }

        return (ReferenceEquals(result, images) ? images.clone() : result).MoveToOuterDisposeScope();
    }
}
