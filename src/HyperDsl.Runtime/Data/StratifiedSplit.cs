using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Data;

/// <summary>Seeded stratified splits: each class keeps its share in both parts.</summary>
public static class StratifiedSplit
{
    /// <summary>
    /// Splits <paramref name="source"/> into (rest, held out), holding out round(fraction x n)
    /// images of every class of n images, chosen at random with <paramref name="seed"/>. Both
    /// parts keep the source's order. <paramref name="source"/> is left as it is.
    /// </summary>
    public static (ImageDataset Remaining, ImageDataset HeldOut) Split(ImageDataset source, double fraction, long seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (fraction is <= 0 or >= 1 || double.IsNaN(fraction))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must be between 0 and 1, exclusive.");
        }

        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed, CPU);
        var heldOut = new List<Tensor>();
        var rest = new List<Tensor>();

        // One pass per class, not per image: a handful of tensor operations each. Masks have no
        // class per image, so a segmentation set is split at random, as one class.
        for (var c = 0; c < (source.HasMasks ? 1 : source.ClassCount); c++)
        {
            using var sourceCount = source.Count.ToScalar();
            using var label = c.ToScalar();
            var members = source.HasMasks ? arange(Zero, sourceCount, One, ScalarType.Int64) : source.Labels.eq(label).nonzero().squeeze(1);
            var n = members.shape[0];
            var take = (long)Math.Round(fraction * n, MidpointRounding.AwayFromZero);
            var shuffled = members.index_select(0, randperm(n, generator: generator));
            heldOut.Add(shuffled.narrow(0, 0, take));
            rest.Add(shuffled.narrow(0, take, n - take));
        }

        var heldOutIndices = cat(heldOut, 0).sort().Values;
        var restIndices = cat(rest, 0).sort().Values;
        if (heldOutIndices.shape[0] == 0 || restIndices.shape[0] == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"Holding out {fraction:P0} of {source.Count} images leaves one part empty.");
        }

        return (source.Select(restIndices), source.Select(heldOutIndices));
    }
}
