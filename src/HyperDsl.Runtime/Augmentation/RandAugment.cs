using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// RandAugment (Cubuk et al. 2019) as torchvision's: <c>operations</c> times in a row, each image
/// draws one of 14 operations uniformly and applies it at magnitude bin <c>magnitude</c> of 31,
/// with a random sign. Every image draws its own operations (torchvision draws one per call). A mask
/// moves with its image through the geometric operations and is left alone by the colour ones.
/// </summary>
internal sealed class RandAugment(int operations, int magnitude) : IMaskAugmentation
{
    /// <summary>torchvision's num_magnitude_bins: magnitudes 0 to 30.</summary>
    public const int Bins = 31;

    public Tensor Apply(Tensor images, Generator generator) => Run(images, null, 0, generator).Images;

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator)
    {
        var (result, resultMasks) = Run(images, masks, ignoreIndex, generator);
        return (result, resultMasks!);
    }

    // Images alone (masks null) or with their masks: the same draws either way.
    private (Tensor Images, Tensor? Masks) Run(Tensor images, Tensor? masks, long ignoreIndex, Generator generator)
    {
        using var scope = NewDisposeScope();
        var count = images.shape[0];
        var space = PolicySpace.Standard(Bins, images.shape[2], images.shape[3], autoAugment: false);
        var (result, resultMasks) = (images, masks);
        using var fixedMagnitude = magnitude.ToScalar();
        for (var step = 0; step < operations; step++)
        {
            var indices = randint(0, space.Count, [count], ScalarType.Int64, generator: generator);
            var bins = full([count], fixedMagnitude, ScalarType.Int64);
            var (chosen, magnitudes) = space.Look(indices, bins, generator, images.device);
            (result, resultMasks) = PolicyOperations.Step(result, resultMasks, ignoreIndex, chosen, magnitudes);
        }

        return ((ReferenceEquals(result, images) ? images.clone() : result).MoveToOuterDisposeScope(),
            resultMasks is null ? null : (ReferenceEquals(resultMasks, masks) ? resultMasks.clone() : resultMasks).MoveToOuterDisposeScope());
    }
}
