namespace HyperDsl.Runtime.Search.Nsga2;

/// <summary>
/// Simulated binary crossover with bounds (Deb and Agrawal 1995; Deb and Goyal 1996's bounded
/// form): a child spread around two parents as one-point crossover of binary strings would spread
/// it, never outside [low, high].
/// </summary>
internal static class SimulatedBinaryCrossover
{
    /// <summary>One of the two children of <paramref name="a"/> and <paramref name="b"/>, chosen at random.</summary>
    public static double Child(Random random, double a, double b, double low, double high, double eta)
    {
        var u = random.NextDouble();
        var pickLower = random.Next(2) == 0;
        var (y1, y2) = a <= b ? (a, b) : (b, a);
        var gap = y2 - y1;
        if (gap < 1e-14 || high <= low)
        {
            return a;
        }

        // Each child's spread is scaled so that its distribution ends at its bound.
        double Spread(double beta)
        {
            var alpha = 2 - Math.Pow(beta, -(eta + 1));
            return u <= 1 / alpha ? Math.Pow(u * alpha, 1 / (eta + 1)) : Math.Pow(1 / (2 - (u * alpha)), 1 / (eta + 1));
        }

        var child = pickLower
            ? 0.5 * (y1 + y2 - (Spread(1 + (2 * (y1 - low) / gap)) * gap))
            : 0.5 * (y1 + y2 + (Spread(1 + (2 * (high - y2) / gap)) * gap));
        return Math.Clamp(child, low, high);
    }
}
