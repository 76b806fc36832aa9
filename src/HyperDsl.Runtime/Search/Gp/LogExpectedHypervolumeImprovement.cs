namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// The logarithm of expected hypervolume improvement of two objectives (both minimised) whose
/// predictions are independent normals, exact: the region the front does not dominate, below
/// the reference point, is cut into disjoint boxes (one per gap of the front's staircase), a new
/// point's improvement in a box is the product of what it covers in each objective, and each
/// factor's expectation is σ·(h(z_u) − h(z_l)) with h(z) = φ(z) + zΦ(z), the same function as
/// <see cref="LogExpectedImprovement"/>'s, so the sum stays finite in log space far from the front
/// (Yang et al. 2019 for the boxes; Ament et al. 2023 for the log form).
/// </summary>
internal sealed class LogExpectedHypervolumeImprovement
{
    // Each box's lower and upper corner; a lower bound may be −∞ (the region is open below).
    private readonly (double[] Low, double[] High)[] _boxes;

    private LogExpectedHypervolumeImprovement((double[] Low, double[] High)[] boxes) => _boxes = boxes;

    /// <summary>The boxes of what <paramref name="points"/> (pairs of minimised values) leave undominated below <paramref name="reference"/>.</summary>
    public static LogExpectedHypervolumeImprovement For(IReadOnlyList<double[]> points, IReadOnlyList<double> reference)
    {
        var below = points.Where(p => p[0] < reference[0] && p[1] < reference[1]).ToArray();
        var front = below.Length == 0 ? [] : ParetoFronts.Sort(below)[0].Select(i => below[i]).DistinctBy(p => (p[0], p[1])).OrderBy(p => p[0]).ToList();
        var boxes = new List<(double[] Low, double[] High)>();
        var left = double.NegativeInfinity;
        var ceiling = reference[1];
        foreach (var point in front)
        {
            // The strip left of this point, under the staircase so far.
            boxes.Add(([left, double.NegativeInfinity], [point[0], ceiling]));
            (left, ceiling) = (point[0], point[1]);
        }

        boxes.Add(([left, double.NegativeInfinity], [reference[0], ceiling]));
        return new([.. boxes.Where(b => b.High[0] > b.Low[0])]);
    }

    /// <summary>A reference point a little beyond the worst of <paramref name="points"/> in each objective (a tenth of the range, as Optuna's), so that the front's extremes still add volume.</summary>
    public static double[] Reference(IReadOnlyList<double[]> points)
    {
        var reference = new double[2];
        for (var k = 0; k < 2; k++)
        {
            var worst = points.Max(p => p[k]);
            var best = points.Min(p => p[k]);
            reference[k] = worst + Math.Max(0.1 * (worst - best), 1e-9 * Math.Max(1, Math.Abs(worst)));
        }

        return reference;
    }

    /// <summary>log E[HVI] for the objectives distributed as N(<paramref name="mean"/>[k], <paramref name="variance"/>[k]), independently.</summary>
    public double Of(IReadOnlyList<double> mean, IReadOnlyList<double> variance)
    {
        var sigma = new[] { Math.Sqrt(variance[0]), Math.Sqrt(variance[1]) };
        var terms = new double[_boxes.Length];
        for (var b = 0; b < _boxes.Length; b++)
        {
            var (low, high) = _boxes[b];
            terms[b] = LogCovered(low[0], high[0], mean[0], sigma[0]) + LogCovered(low[1], high[1], mean[1], sigma[1]);
        }

        return LogSumExp(terms);
    }

    // log E[(u − max(l, y))₊] for y ~ N(μ, σ²) = log σ + log(h(z_u) − h(z_l)).
    private static double LogCovered(double low, double high, double mu, double sigma)
    {
        var upper = LogExpectedImprovement.LogH((high - mu) / sigma);
        if (double.IsNegativeInfinity(low))
        {
            return upper + Math.Log(sigma);
        }

        var lower = LogExpectedImprovement.LogH((low - mu) / sigma);
        var gap = lower - upper;
        if (gap >= 0)
        {
            return double.NegativeInfinity;
        }

        // log(1 − e^gap), accurate at both ends.
        var log1mExp = gap > -Math.Log(2) ? Math.Log(-double.ExpM1(gap)) : Math.Log(-Math.Exp(gap) + 1);
        return upper + log1mExp + Math.Log(sigma);
    }

    private static double LogSumExp(double[] terms)
    {
        var max = terms.Length == 0 ? double.NegativeInfinity : terms.Max();
        if (double.IsNegativeInfinity(max))
        {
            return double.NegativeInfinity;
        }

        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }
}
