using HyperDsl.Runtime.Analysis;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli;

/// <summary>A study's parameter importance per objective, as <c>hyp importance</c> prints it and <c>hyp report</c> draws it.</summary>
internal static class StudyImportance
{
    /// <summary>The parameters the trials used: the spec's (with their scales and conditions) first, then any only an earlier version of the spec had, as the store recorded them.</summary>
    public static IReadOnlyList<ParameterSpace> Space(IReadOnlyList<StoredTrial> trials, IReadOnlyList<ParameterSpace> spec)
    {
        var used = trials.Where(t => t.State == TrialState.Complete).SelectMany(t => t.Parameters.Keys).ToHashSet(StringComparer.Ordinal);
        var space = spec.Where(p => used.Contains(p.Name)).ToList();
        foreach (var trial in trials)
        {
            foreach (var (name, distribution) in trial.Distributions)
            {
                if (used.Contains(name) && space.All(p => p.Name != name))
                {
                    space.Add(distribution);
                }
            }
        }

        return space;
    }

    /// <summary>The ranking for each objective, or an error message when there are too few complete trials to learn from.</summary>
    public static (IReadOnlyList<IReadOnlyList<ParameterImportance>> Rankings, string? Error) Evaluate(
        IReadOnlyList<StoredTrial> trials, IReadOnlyList<ParameterSpace> spec, IReadOnlyList<Objective> objectives, string study, int seed)
    {
        var space = Space(trials, spec);
        var rankings = new List<IReadOnlyList<ParameterImportance>>();
        for (var i = 0; i < objectives.Count; i++)
        {
            var records = trials.Select(t => t.ToRecord(i)).ToList();
            var usable = FanovaImportance.UsableCount(records, i);
            if (usable < FanovaImportance.MinimumTrials)
            {
                var have = usable == 0 ? "has no complete trial" : $"has {usable} complete trial";
                return ([], $"study '{study}' {have} with a value for {objectives[i].Metric}; parameter importance needs at least {FanovaImportance.MinimumTrials}. Run more trials first.");
            }

            if (space.Count == 0)
            {
                return ([], $"study '{study}' has no parameters to rank; its spec has no search space.");
            }

            rankings.Add(FanovaImportance.Evaluate(space, records, i, new FanovaOptions(Seed: seed)));
        }

        return (rankings, null);
    }
}
