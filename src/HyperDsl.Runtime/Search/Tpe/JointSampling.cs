namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>Multivariate TPE for one group of parameters that always appear together.</summary>
internal static class JointSampling
{
    /// <summary>Chooses the group's values and adds them to <paramref name="chosen"/> (model space, or choice indices).</summary>
    public static void Sample(IReadOnlyList<ParameterSpace> group, List<TrialRecord> good, List<TrialRecord> bad, TpeOptions options, Random random, Dictionary<string, double> chosen)
    {
        var dimensions = group.Select(Dimension).ToList();
        var goodRows = Rows(group, good);
        var badRows = Rows(group, bad);
        var l = new JointParzenEstimator(dimensions, goodRows, TpeOptions.DefaultWeights(goodRows.Count), options.PriorWeight);
        var g = new JointParzenEstimator(dimensions, badRows, TpeOptions.DefaultWeights(badRows.Count), options.PriorWeight);

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

    // Trials that have every parameter of the group, each value inside its current domain.
    private static List<double[]> Rows(IReadOnlyList<ParameterSpace> group, List<TrialRecord> trials)
    {
        var rows = new List<double[]>(trials.Count);
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
            }
        }

        return rows;
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
