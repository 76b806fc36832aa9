using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Tests.Pruning;

/// <summary>What every pruner promises, run over each pruner on the same scripted study.</summary>
public class PrunerContractTests
{
    public static TheoryData<string> Pruners() => ["none", "median", "asha", "hyperband"];

    internal static IPruner Create(string name, StudyDirection direction) => name switch
    {
        "none" => new NopPruner(),
        "median" => new MedianPruner(direction, startupTrials: 2),
        "asha" => new SuccessiveHalvingPruner(direction, minResource: 1, reductionFactor: 2),
        _ => new HyperbandPruner(direction, maxResource: 8, minResource: 1, reductionFactor: 2),
    };

    internal static TrialRecord Curve(int number, TrialState state, params double[] values) =>
        new(number, new Dictionary<string, object>(), state, state == TrialState.Complete ? values[^1] : null)
        {
            Intermediate = values.Select((v, i) => (Step: i + 1, Value: v)).ToDictionary(p => p.Step, p => p.Value),
        };

    // Twelve trials of a loss curve, some finished, some pruned, some still running.
    private static List<TrialRecord> Study() =>
        [.. Enumerable.Range(0, 12).Select(n => Curve(
            n,
            n % 3 == 0 ? TrialState.Running : n % 3 == 1 ? TrialState.Complete : TrialState.Pruned,
            [.. Enumerable.Range(1, 1 + (n % 8)).Select(s => (1.0 + ((n * 7) % 5)) / s)]))];

    [Theory]
    [MemberData(nameof(Pruners))]
    public void A_trial_that_has_reported_nothing_is_never_pruned(string name)
    {
        Assert.False(Create(name, StudyDirection.Minimize).ShouldPrune(Curve(99, TrialState.Running), Study()));
    }

    [Theory]
    [MemberData(nameof(Pruners))]
    public void The_order_of_the_study_does_not_change_a_decision(string name)
    {
        var pruner = Create(name, StudyDirection.Minimize);
        var study = Study();
        var reversed = Enumerable.Reverse(study).ToList();

        foreach (var trial in study.Where(t => t.State == TrialState.Running))
        {
            var others = study.Where(t => t.Number != trial.Number).ToList();
            Assert.Equal(pruner.ShouldPrune(trial, others), pruner.ShouldPrune(trial, reversed.Where(t => t.Number != trial.Number).ToList()));
        }
    }

    [Theory]
    [MemberData(nameof(Pruners))]
    public void Maximizing_the_negated_values_gives_the_same_decisions(string name)
    {
        var study = Study();
        var negated = study.Select(t => t with
        {
            Value = -t.Value,
            Intermediate = t.Intermediate.ToDictionary(p => p.Key, p => -p.Value),
        }).ToList();

        for (var i = 0; i < study.Count; i++)
        {
            Assert.Equal(
                Create(name, StudyDirection.Minimize).ShouldPrune(study[i], study.Where(t => t.Number != i).ToList()),
                Create(name, StudyDirection.Maximize).ShouldPrune(negated[i], negated.Where(t => t.Number != i).ToList()));
        }
    }

    [Theory]
    [MemberData(nameof(Pruners))]
    public void The_scripted_study_prunes_something_unless_the_pruner_is_none(string name)
    {
        var study = Study();
        var pruned = study.Count(t => Create(name, StudyDirection.Minimize).ShouldPrune(t, study.Where(o => o.Number != t.Number).ToList()));

        if (name == "none")
        {
            Assert.Equal(0, pruned);
        }
        else
        {
            Assert.InRange(pruned, 1, study.Count - 1);
        }
    }
}
