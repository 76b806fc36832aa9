using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Per-image random numbers, drawn on the CPU generator and moved to the batch's device.</summary>
internal static class RandomDraw
{
    /// <summary>B values uniform in [low, high).</summary>
    public static Tensor Uniform(long count, double low, double high, Generator generator, Device device)
    {
        using var width = (high - low).ToScalar();
        using var start = low.ToScalar();
        return rand([count], ScalarType.Float32, generator: generator).mul_(width).add_(start, One).to(device);
    }

    /// <summary>B booleans, each true with probability p, shaped B x 1 x 1 x 1 to broadcast over images.</summary>
    public static Tensor Chosen(long count, double p, Generator generator, Device device)
    {
        using var probability = p.ToScalar();
        return rand([count], ScalarType.Float32, generator: generator).lt(probability).view(count, 1, 1, 1).to(device);
    }

    /// <summary>B whole numbers uniform in [low, high], inclusive.</summary>
    public static Tensor Integers(long count, long low, long high, Generator generator, Device device) =>
        randint(low, high + 1, [count], ScalarType.Float32, generator: generator).to(device);

    /// <summary>
    /// B rows of <paramref name="parts"/> weights from a symmetric Dirichlet(<paramref name="alpha"/>)
    /// distribution (Gamma draws normalised per row); with two parts, the first column is Beta(alpha, alpha).
    /// </summary>
    public static Tensor Dirichlet(long count, long parts, double alpha, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        using var alphaScalar = alpha.ToScalar();
        using var partCount = parts.ToScalar();
        using var concentration = full([count, parts], alphaScalar, ScalarType.Float64);
        var gamma = _standard_gamma(concentration, generator);
        var total = gamma.sum(1, keepdim: true);

        // Tiny alphas can round every Gamma draw of a row to 0: such a row puts all its weight on one part.
        var empty = total.le(Zero);
        gamma = where(empty, arange(Zero, partCount, One).eq(Zero).to_type(ScalarType.Float64).expand(count, parts), gamma);
        total = where(empty, ones_like(total), total);
        return gamma.div(total).to_type(ScalarType.Float32).to(device).MoveToOuterDisposeScope();
    }

    /// <summary>One value from Beta(<paramref name="alpha"/>, <paramref name="alpha"/>).</summary>
    public static double Beta(double alpha, Generator generator)
    {
        using var weights = Dirichlet(1, 2, alpha, generator, CPU);
        return weights[0, 0].item<float>();
    }
}
