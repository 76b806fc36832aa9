using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// The logarithm of expected improvement below the best value so far (minimisation), computed
/// so that it stays finite and ordered far from the best, where plain EI underflows to 0 and
/// every candidate would look alike (Ament et al. 2023, "Unexpected improvements to expected
/// improvement").
/// </summary>
internal static class LogExpectedImprovement
{
    /// <summary>log E[max(best − f, 0)] for f ~ N(mean, variance).</summary>
    public static double Of(double mean, double variance, double best)
    {
        var sigma = Math.Sqrt(variance);
        return LogH((best - mean) / sigma) + Math.Log(sigma);
    }

    /// <summary>log h(z) with h(z) = φ(z) + z Φ(z), the expected improvement of a standard normal beyond −z.</summary>
    internal static double LogH(double z)
    {
        if (z > -10)
        {
            var h = Math.Exp(-0.5 * z * z - NormalMath.LogSqrtTwoPi) + (z * NormalMath.Cdf(z));
            return Math.Log(Math.Max(h, 1e-300));
        }

        // Far below: h(z) = φ(z) (1/z² − 3/z⁴ + 15/z⁶ − 105/z⁸ + …), the asymptotic series of Mills' ratio.
        var w = 1 / (z * z);
        return (-0.5 * z * z) - NormalMath.LogSqrtTwoPi + Math.Log(w * (1 - (w * (3 - (w * (15 - (105 * w)))))));
    }
}
