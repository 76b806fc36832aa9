namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>The normal distribution's functions that .NET does not ship.</summary>
internal static class NormalMath
{
    public static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>The standard normal CDF.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>The log density of N(mu, sigma²) at x.</summary>
    public static double LogPdf(double x, double mu, double sigma)
    {
        var z = (x - mu) / sigma;
        return (-0.5 * z * z) - Math.Log(sigma) - LogSqrtTwoPi;
    }

    /// <summary>The log of the share of N(mu, sigma²) that lies in [low, high].</summary>
    public static double LogMassInside(double mu, double sigma, double low, double high)
    {
        // A kernel nine σ clear of both ends keeps all but 1e-19 of its mass: skip the CDFs.
        if (mu - (9 * sigma) >= low && mu + (9 * sigma) <= high)
        {
            return 0.0;
        }

        return Math.Log(Math.Max(Cdf((high - mu) / sigma) - Cdf((low - mu) / sigma), 1e-300));
    }

    /// <summary>A draw from N(mu, sigma²) truncated to [low, high], by rejection (Box–Muller).</summary>
    public static double SampleTruncated(Random random, double mu, double sigma, double low, double high)
    {
        // The kernels' centres lie inside and they are no wider than the range, so each keeps at
        // least a third of its mass inside: rejection rarely needs more than a few tries.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var u1 = 1.0 - random.NextDouble();
            var x = mu + (sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
            if (x >= low && x <= high)
            {
                return x;
            }
        }

        return Math.Clamp(mu, low, high);
    }

    /// <summary>log(Σ exp(v)) without overflow.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        // Terms more than 40 below the largest add under 1e-17 of it: skip their exp.
        var sum = 0.0;
        foreach (var v in values)
        {
            var d = v - max;
            if (d > -40)
            {
                sum += Math.Exp(d);
            }
        }

        return max + Math.Log(sum);
    }

    // Complementary error function by Chebyshev fitting (fractional error below 1.2e-7 everywhere),
    // ample for kernel normalisers.
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        ReadOnlySpan<double> c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var poly = 0.0;
        for (var k = c.Length - 1; k >= 0; k--)
        {
            poly = c[k] + (t * poly);
        }

        var r = t * Math.Exp(-(z * z) + poly);
        return x >= 0 ? r : 2.0 - r;
    }
}
