namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// What one ask of <see cref="GpSampler"/> models for each trial: the values it fits, all to
/// minimise (a maximised objective's sign flipped). One objective: its value, and log expected
/// improvement. Two: both values, one Gaussian process each, and log expected hypervolume
/// improvement, exact over the boxes of the non-dominated region (<see cref="LogExpectedHypervolumeImprovement"/>).
/// More than two: one value, the augmented Chebyshev scalarisation of the objectives (normalised
/// to [0, 1] over the complete trials) with weights drawn for this ask (ParEGO, Knowles 2006), and
/// log expected improvement on it; the exact box decomposition grows as the front's size to the
/// power of half the objectives, and a Monte Carlo estimate would need a hypervolume per sample
/// per candidate, while the scalarisation costs one single-objective fit, and the weights,
/// drawn anew each trial (seeded by the study seed and the trial number), spread the trials
/// along the front.
/// </summary>
internal sealed class ObjectiveTargets
{
    // Augmented Chebyshev's share of the weighted sum (Knowles 2006: 0.05).
    private const double Augmentation = 0.05;

    private readonly IReadOnlyList<StudyDirection> _directions;
    private readonly double[]? _weights;
    private readonly double[]? _low;
    private readonly double[]? _span;

    private ObjectiveTargets(IReadOnlyList<StudyDirection> directions, double[]? weights, double[]? low, double[]? span)
    {
        (_directions, _weights, _low, _span) = (directions, weights, low, span);
    }

    /// <summary>How many values each trial gives the model: two for exact hypervolume improvement, else one.</summary>
    public int Count => _directions.Count == 2 ? 2 : 1;

    /// <summary>The targets for one ask: for more than two objectives, weights drawn from <paramref name="random"/> and the ranges of <paramref name="history"/>'s complete trials.</summary>
    public static ObjectiveTargets For(IReadOnlyList<StudyDirection> directions, IReadOnlyList<TrialRecord> history, Random random)
    {
        if (directions.Count <= 2)
        {
            return new(directions, null, null, null);
        }

        // Uniform on the simplex: normalised exponential draws.
        var weights = directions.Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
        var total = weights.Sum();
        weights = [.. weights.Select(w => w / total)];
        var plain = new ObjectiveTargets(directions, null, null, null);
        var complete = history.Select(plain.Minimised).OfType<double[]>().ToList();
        var low = Enumerable.Range(0, directions.Count).Select(k => complete.Count == 0 ? 0 : complete.Min(v => v[k])).ToArray();
        var span = Enumerable.Range(0, directions.Count).Select(k => complete.Count == 0 ? 1 : Math.Max(complete.Max(v => v[k]) - low[k], 1e-12)).ToArray();
        return new(directions, weights, low, span);
    }

    /// <summary>The values a complete trial gives the model, or null for a trial that is not complete or lacks a finite value of some objective.</summary>
    public double[]? Of(TrialRecord trial)
    {
        if (Minimised(trial) is not { } values)
        {
            return null;
        }

        if (_weights is null)
        {
            return values;
        }

        var weighted = values.Select((v, k) => _weights[k] * (v - _low![k]) / _span![k]).ToArray();
        return [weighted.Max() + (Augmentation * weighted.Sum())];
    }

    // Every objective, each to minimise; a single objective is the trial's value.
    private double[]? Minimised(TrialRecord trial)
    {
        if (trial.State != TrialState.Complete)
        {
            return null;
        }

        IReadOnlyList<double>? values = _directions.Count == 1 ? trial.Value is { } one ? [one] : null : trial.Values;
        if (values is null || values.Count != _directions.Count || values.Any(v => !double.IsFinite(v)))
        {
            return null;
        }

        return [.. values.Select((v, k) => _directions[k] == StudyDirection.Minimize ? v : -v)];
    }
}
