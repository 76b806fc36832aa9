using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Analysis;

/// <summary>
/// Parameter importance by fANOVA (Hutter, Hoos and Leyton-Brown 2014), as Optuna's
/// <c>FanovaImportanceEvaluator</c> computes it: a random forest learns the objective from the complete
/// trials' parameters; in each tree, a parameter's importance is the share of the prediction's variance
/// that its marginal explains; the importances are averaged over the trees whose variance is not zero.
/// Unlike Optuna, it reads log ranges on their log scale and keeps conditional parameters (not using
/// one is one of its levels) instead of dropping every parameter some trial lacks.
/// </summary>
public static class FanovaImportance
{
    /// <summary>The fewest complete trials a forest can learn anything from.</summary>
    public const int MinimumTrials = 2;

    /// <summary>Each parameter's importance on objective <paramref name="objective"/>, the most important first (ties in the space's order).</summary>
    /// <param name="space">The parameters to judge.</param>
    /// <param name="trials">The study's trials; only complete ones with a finite value count.</param>
    /// <param name="objective">Which objective, for a study with several.</param>
    /// <param name="options">The forest's size, depth and seed.</param>
    public static IReadOnlyList<ParameterImportance> Evaluate(IReadOnlyList<ParameterSpace> space, IEnumerable<TrialRecord> trials, int objective = 0, FanovaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        options ??= new FanovaOptions();
        var used = Usable(trials, objective);
        if (used.Count < MinimumTrials)
        {
            throw new ArgumentException($"fANOVA needs at least {MinimumTrials} complete trials; there are {used.Count}.", nameof(trials));
        }

        var data = ImportanceColumns.Encode(space, [.. used.Select(t => t.Parameters)]);
        var fractions = new double[data.Groups.Count];
        if (data.Bounds.Count > 0)
        {
            var targets = used.Select(t => t.Value).ToArray();
            var forest = RandomForest.Fit(data.Rows, targets, options.Trees, options.MaxDepth, options.Seed);
            var partitions = forest.Select(t => new TreePartition(t, data.Bounds)).Where(p => p.Variance > 0).ToList();
            for (var g = 0; g < data.Groups.Count; g++)
            {
                var columns = data.Groups[g].Columns;
                fractions[g] = columns.Length == 0 || partitions.Count == 0 ? 0 : partitions.Average(p => p.MarginalVariance(columns) / p.Variance);
            }
        }

        var total = fractions.Sum();
        return [.. data.Groups
            .Select((g, i) => new ParameterImportance(g.Name, fractions[i], total > 0 ? fractions[i] / total : 0))
            .Select((p, i) => (p, i))
            .OrderByDescending(x => x.p.VarianceFraction).ThenBy(x => x.i)
            .Select(x => x.p)];
    }

    /// <summary>How many of <paramref name="trials"/> fANOVA would learn from.</summary>
    public static int UsableCount(IEnumerable<TrialRecord> trials, int objective = 0) => Usable(trials, objective).Count;

    private static List<(IReadOnlyDictionary<string, object> Parameters, double Value)> Usable(IEnumerable<TrialRecord> trials, int objective) =>
        [.. trials
            .Where(t => t.State == TrialState.Complete)
            .Select(t => (t.Parameters, Value: t.Values is { } values ? (objective < values.Count ? values[objective] : double.NaN) : objective == 0 ? t.Value ?? double.NaN : double.NaN))
            .Where(t => double.IsFinite(t.Value))];
}
