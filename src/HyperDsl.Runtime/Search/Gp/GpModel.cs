namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// A Gaussian process fitted to trials over some dimensions (their values standardised, as the
/// kernel's priors assume unit scale), and the search for the point where its log expected
/// improvement is highest with some coordinates held fixed.
/// </summary>
internal sealed class GpModel
{
    private readonly IReadOnlyList<GpDimension> _dimensions;
    private readonly GaussianProcess _process;
    private readonly double[][] _x;
    private readonly double[] _y;
    private readonly double _mean;
    private readonly double _scale;

    private GpModel(IReadOnlyList<GpDimension> dimensions, GaussianProcess process, double[][] x, double[] y, double mean, double scale)
    {
        (_dimensions, _process, _x, _y, _mean, _scale) = (dimensions, process, x, y, mean, scale);
    }

    /// <summary>
    /// Fits the kernel to the complete trials (<paramref name="complete"/>, values to minimise) and
    /// conditions on them and on the trials still running, pruned or failed (<paramref name="liars"/>),
    /// which count as the worst value seen; null while there are fewer than <paramref name="startup"/> complete trials.
    /// </summary>
    public static GpModel? Fit(IReadOnlyList<GpDimension> dimensions, IReadOnlyList<(double[] X, double Y)> complete, IReadOnlyList<double[]> liars, int startup, bool deterministic)
    {
        if (complete.Count < startup || complete.Count == 0)
        {
            return null;
        }

        var mean = complete.Average(c => c.Y);
        var spread = Math.Sqrt(complete.Average(c => (c.Y - mean) * (c.Y - mean)));
        var scale = spread > 1e-12 ? spread : 1;
        var y = complete.Select(c => (c.Y - mean) / scale).ToArray();
        var x = complete.Select(c => c.X).ToArray();
        bool[] categorical = [.. dimensions.Select(d => d.IsCategorical)];
        var parameters = KernelFit.Fit(x, y, categorical, deterministic);
        var worst = y.Max();
        var process = GaussianProcess.Condition([.. x, .. liars], [.. y, .. liars.Select(_ => worst)], categorical, parameters);
        return new(dimensions, process, x, y, mean, scale);
    }

    /// <summary>
    /// The point (all coordinates: <paramref name="at"/> where not free) where log expected improvement
    /// is highest over the coordinates <paramref name="free"/>, and that log improvement in the
    /// objective's own units (so models fitted to different trials compare). It is improvement below
    /// <paramref name="incumbent"/> (a value to minimise), or below the best value this model was fitted to when null.
    /// </summary>
    public (double[] Point, double LogImprovement) Maximize(double[] at, IReadOnlyList<int> free, double? incumbent, Random random, GpOptions options)
    {
        var best = incumbent is { } value ? (value - _mean) / _scale : _y.Min();
        double[] Full(double[] point)
        {
            var full = (double[])at.Clone();
            for (var k = 0; k < free.Count; k++)
            {
                full[free[k]] = point[k];
            }

            return full;
        }

        double Acquisition(double[] point) =>
            _process.Predict(Full(point)) is var (mu, variance) ? LogExpectedImprovement.Of(mu, variance, best) : double.NaN;

        // The two best trials seen start local searches too (their free coordinates).
        var observedBest = Enumerable.Range(0, _y.Length).OrderBy(i => _y[i]).Take(2).Select(i => free.Select(k => _x[i][k]).ToArray()).ToList();
        var (x, logImprovement) = free.Count == 0
            ? (Array.Empty<double>(), Acquisition([]))
            : AcquisitionSearch.Maximize(Acquisition, [.. free.Select(k => _dimensions[k])], observedBest, random, options.Candidates, options.LocalSearchStarts);
        return (Full(x), logImprovement + Math.Log(_scale));
    }
}
