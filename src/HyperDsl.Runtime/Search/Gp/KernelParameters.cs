namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// The Matérn-5/2 kernel's hyperparameters: one inverse squared length scale per dimension
/// (automatic relevance determination: a dimension that does not matter gets a small one),
/// the signal variance, and the observation noise.
/// </summary>
internal sealed record KernelParameters(double[] InverseSquaredLengthScales, double Scale, double Noise)
{
    /// <summary>The noise never drops below this, so the kernel matrix stays well conditioned (Optuna's floor).</summary>
    public const double MinimumNoise = 1e-6;

    private static readonly double Sqrt5 = Math.Sqrt(5);

    /// <summary>Where the fit starts: unit length scales and variance, a little noise (Optuna's start).</summary>
    public static KernelParameters Initial(int dimensions, bool deterministic) =>
        new([.. Enumerable.Repeat(1.0, dimensions)], 1.0, deterministic ? MinimumNoise : 0.01);

    /// <summary>The weighted squared distance: squared differences for numeric coordinates, 0 or 1 (Hamming) for categorical ones.</summary>
    public double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, IReadOnlyList<bool> categorical)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            sum += InverseSquaredLengthScales[k] * Difference(a[k], b[k], categorical[k]);
        }

        return sum;
    }

    /// <summary>One coordinate's unweighted contribution to the squared distance.</summary>
    public static double Difference(double a, double b, bool categorical) => categorical ? (a == b ? 0 : 1) : (a - b) * (a - b);

    /// <summary>The kernel's value (without the scale) at squared distance r².</summary>
    public static double Matern(double squaredDistance)
    {
        var r = Math.Sqrt(squaredDistance);
        return (1 + (Sqrt5 * r) + (5.0 / 3 * squaredDistance)) * Math.Exp(-Sqrt5 * r);
    }

    /// <summary>d Matern / d r², which stays finite at r = 0.</summary>
    public static double MaternSlope(double squaredDistance)
    {
        var r = Math.Sqrt(squaredDistance);
        return -5.0 / 6 * (1 + (Sqrt5 * r)) * Math.Exp(-Sqrt5 * r);
    }
}
