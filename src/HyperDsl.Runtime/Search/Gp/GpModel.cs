namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// A Gaussian process fitted to trials over some dimensions (their values standardised, as the
/// kernel's priors assume unit scale), and the search for the point where its log expected
/// improvement is highest with some coordinates held fixed.
/// </summary>
internal sealed class GpModel : IGpModel
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

    /// <summary>The inputs the model was fitted to.</summary>
    internal IReadOnlyList<double[]> Inputs => _x;

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

    /// <summary>The posterior mean and variance of the objective (its own units) at a point.</summary>
    internal (double Mean, double Variance) Predict(double[] point)
    {
        var (mu, variance) = _process.Predict(point);
        return (_mean + (mu * _scale), variance * _scale * _scale);
    }

    /// <inheritdoc />
    public (double[] Point, double Score) Maximize(double[] at, IReadOnlyList<int> free, IReadOnlyList<double[]>? goal, Random random, GpOptions options, Func<double[], bool>? feasible)
    {
        var best = goal is { Count: > 0 } ? (goal.Min(g => g[0]) - _mean) / _scale : _y.Min();
        double Acquisition(double[] point) =>
            _process.Predict(point) is var (mu, variance) ? LogExpectedImprovement.Of(mu, variance, best) : double.NaN;

        // The two best trials seen start local searches too.
        var observedBest = Enumerable.Range(0, _y.Length).OrderBy(i => _y[i]).Take(2).Select(i => _x[i]).ToList();
        var (x, logImprovement) = AcquisitionSearch.Maximize(Acquisition, _dimensions, at, free, observedBest, random, options, feasible);
        return (x, logImprovement + Math.Log(_scale));
    }
}
