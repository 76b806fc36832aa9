namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// Two objectives, one Gaussian process each over the same inputs (each with its own kernel fit),
/// and the search for the point where log expected hypervolume improvement over the front is
/// highest (<see cref="LogExpectedHypervolumeImprovement"/>), the objectives' predictions taken as independent.
/// </summary>
internal sealed class ParetoGpModel : IGpModel
{
    private readonly IReadOnlyList<GpDimension> _dimensions;
    private readonly GpModel[] _objectives;
    private readonly IReadOnlyList<double[]> _targets;

    private ParetoGpModel(IReadOnlyList<GpDimension> dimensions, GpModel[] objectives, IReadOnlyList<double[]> targets)
    {
        (_dimensions, _objectives, _targets) = (dimensions, objectives, targets);
    }

    /// <summary>
    /// Fits one process per objective to the complete trials (<paramref name="complete"/>, each a
    /// pair of values to minimise); the trials still running, pruned or failed (<paramref name="liars"/>)
    /// count as the worst value seen in each. Null while there are fewer than <paramref name="startup"/> complete trials.
    /// </summary>
    public static ParetoGpModel? Fit(IReadOnlyList<GpDimension> dimensions, IReadOnlyList<(double[] X, double[] Y)> complete, IReadOnlyList<double[]> liars, int startup, bool deterministic)
    {
        var objectives = new GpModel[2];
        for (var k = 0; k < objectives.Length; k++)
        {
            if (GpModel.Fit(dimensions, [.. complete.Select(c => (c.X, c.Y[k]))], liars, startup, deterministic) is not { } model)
            {
                return null;
            }

            objectives[k] = model;
        }

        return new(dimensions, objectives, [.. complete.Select(c => c.Y)]);
    }

    /// <inheritdoc />
    public (double[] Point, double Score) Maximize(double[] at, IReadOnlyList<int> free, IReadOnlyList<double[]>? goal, Random random, GpOptions options, Func<double[], bool>? feasible)
    {
        var points = goal is { Count: > 0 } ? goal : _targets;
        var improvement = LogExpectedHypervolumeImprovement.For(points, LogExpectedHypervolumeImprovement.Reference(points));
        double Acquisition(double[] point)
        {
            var (mean0, variance0) = _objectives[0].Predict(point);
            var (mean1, variance1) = _objectives[1].Predict(point);
            return improvement.Of([mean0, mean1], [variance0, variance1]);
        }

        // The front's two ends (the best trial in each objective) start local searches too.
        var inputs = _objectives[0].Inputs;
        var observed = Enumerable.Range(0, 2).Select(k => inputs[Enumerable.Range(0, _targets.Count).MinBy(i => _targets[i][k])]).Distinct().ToList();
        return AcquisitionSearch.Maximize(Acquisition, _dimensions, at, free, observed, random, options, feasible);
    }
}
