namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>Multivariate TPE for one group of parameters that always appear together.</summary>
internal static class JointSampling
{
    /// <summary>Chooses the group's values and adds them to <paramref name="chosen"/> (model space, or choice indices).</summary>
    /// <param name="group">The parameters modelled together.</param>
    /// <param name="good">The good trials, in trial order.</param>
    /// <param name="bad">The other trials, in trial order.</param>
    /// <param name="improvement">How to weigh the good trials; alike when null.</param>
    /// <param name="options">The sampler's knobs.</param>
    /// <param name="random">The trial's random stream.</param>
    /// <param name="chosen">Where the chosen values go.</param>
    public static void Sample(IReadOnlyList<ParameterSpace> group, List<TrialRecord> good, List<TrialRecord> bad, ImprovementWeights? improvement, TpeOptions options, Random random, Dictionary<string, double> chosen)
    {
        var dimensions = group.Select(Dimension).ToList();
        var (goodRows, goodTrials) = Rows(group, good);
        var (badRows, _) = Rows(group, bad);
        var goodWeights = improvement?.For(goodTrials) ?? ObservationWeights.Uniform(goodRows.Count);
        var l = new JointParzenEstimator(dimensions, goodRows, goodWeights, options.PriorWeight);
        var g = new JointParzenEstimator(dimensions, badRows, ObservationWeights.Uniform(badRows.Count), options.PriorWeight);

        double[]? best = null;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < options.Candidates; c++)
        {
            var candidate = l.Sample(random);
            for (var d = 0; d < group.Count; d++)
            {
                // Score the point that would really be tried, on its grid.
                if (Domain(group[d]) is { } domain)
                {
                    candidate[d] = domain.ToModel(domain.FromModel(candidate[d]));
                }
            }

            var score = l.LogPdf(candidate) - g.LogPdf(candidate);
            if (best is null || score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        for (var d = 0; d < group.Count; d++)
        {
            chosen[group[d].Name] = best![d];
        }
    }

    private static NumericDomain? Domain(ParameterSpace parameter) => parameter switch
    {
        FloatSpace f => NumericDomain.ForFloat(f.Low, f.High, f.Log, f.Step),
        IntSpace i => NumericDomain.ForInt(i.Low, i.High, i.Log, i.Step),
        _ => null,
    };

    private static JointDimension Dimension(ParameterSpace parameter) =>
        parameter is CategoricalSpace categorical
            ? new JointDimension(0, 0, categorical.Choices.Count)
            : Domain(parameter) is { } domain ? new JointDimension(domain.ModelLow, domain.ModelHigh, 0) : throw new ArgumentException($"Unknown parameter kind for '{parameter.Name}'.", nameof(parameter));

    // Trials that have every parameter of the group, each value inside its current domain: their
    // rows of model-space values (or choice indices), and the trials themselves.
    private static (List<double[]> Rows, List<TrialRecord> Trials) Rows(IReadOnlyList<ParameterSpace> group, List<TrialRecord> trials)
    {
        var rows = new List<double[]>(trials.Count);
        var kept = new List<TrialRecord>(trials.Count);
        foreach (var trial in trials)
        {
            var row = new double[group.Count];
            var complete = true;
            for (var d = 0; d < group.Count && complete; d++)
            {
                complete = trial.Parameters.TryGetValue(group[d].Name, out var value) && TryModelValue(group[d], value, out row[d]);
            }

            if (complete)
            {
                rows.Add(row);
                kept.Add(trial);
            }
        }

        return (rows, kept);
    }

    private static bool TryModelValue(ParameterSpace parameter, object value, out double model)
    {
        model = double.NaN;
        if (parameter is CategoricalSpace categorical)
        {
            model = StoredValue.IndexOf(categorical.Choices, value);
            return model >= 0;
        }

        if (Domain(parameter) is not { } domain || !StoredValue.TryNumber(value, out var number) || !domain.Contains(number))
        {
            return false;
        }

        model = domain.ToModel(number);
        return true;
    }
}
