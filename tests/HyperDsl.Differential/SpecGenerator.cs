namespace HyperDsl.Differential;

/// <summary>
/// Writes random valid specs over the layer catalogue from a seed: convolutions with every
/// argument, batchnorm, activations, pools, dropout, blocks with parameters, loops, if and
/// match in the model, conditional parameters and searched values passed to layers, on a
/// synthetic source of a random small shape; and a share of <c>task segmentation</c> specs
/// (encoder–decoders on the run's image and mask pairs, per-pixel losses, segmentation metrics). Shapes are tracked while writing (the smallest
/// map any point can reach), so most specs check clean; a few are written with a known mistake
/// (<see cref="GeneratedSpec.MustReject"/>) that the checker must refuse. The same seed always writes the same
/// spec; constructs outside <paramref name="allowed"/> are never written.
/// </summary>
public sealed class SpecGenerator(IReadOnlySet<Construct> allowed)
{
    // The share of specs written for 'task segmentation'. It is drawn from a generator of its own
    // (the seed with a salt), so a seed written for classification writes the same spec as before
    // segmentation specs were generated.
    private const double SegmentationShare = 0.15;
    private const int SegmentationSalt = 0x5E6D;

    /// <summary>The spec of one seed.</summary>
    public GeneratedSpec Generate(int seed)
    {
        var name = "spec_" + ((uint)seed).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var writer = new SpecWriter(new Random(seed), allowed);
        var text = writer.Write(name, segmentation: allowed.Contains(Construct.Segmentation) && new Random(unchecked(seed ^ SegmentationSalt)).NextDouble() < SegmentationShare);
        return new GeneratedSpec(seed, name, text, writer.Used, writer.MustReject);
    }

    /// <summary>The seed of the <paramref name="index"/>-th spec of a run seeded with <paramref name="runSeed"/>: a spec can be written again on its own.</summary>
    public static int SpecSeed(int runSeed, int index) => unchecked((runSeed * 1_000_003) + index);
}
