using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;
using static HyperDsl.Runtime.Tests.Pruning.PrunerContractTests;

namespace HyperDsl.Runtime.Tests.Pruning;

public class HyperbandPrunerTests
{
    [Fact]
    public void Brackets_span_from_min_to_max_resource_as_in_Optuna()
    {
        Assert.Equal(4, new HyperbandPruner(StudyDirection.Minimize, maxResource: 27, minResource: 1, reductionFactor: 3).BracketCount);
        Assert.Equal(1, new HyperbandPruner(StudyDirection.Minimize, maxResource: 2, minResource: 1, reductionFactor: 3).BracketCount);
    }

    [Fact]
    public void Trials_spread_over_brackets_in_proportion_to_their_budgets()
    {
        // Budgets for 4 brackets, factor 3: ceil(4 * 3^s / (s + 1)) = 27, 12, 6, 4 (out of 49).
        var pruner = new HyperbandPruner(StudyDirection.Minimize, maxResource: 27, minResource: 1, reductionFactor: 3);
        var counts = Enumerable.Range(0, 5500).GroupBy(pruner.BracketOf).ToDictionary(g => g.Key, g => g.Count());

        Assert.InRange(counts[0], 2850, 3210);
        Assert.InRange(counts[1], 1220, 1480);
        Assert.InRange(counts[2], 580, 770);
        Assert.InRange(counts[3], 370, 530);
    }

    [Fact]
    public void A_trials_bracket_is_the_same_in_every_pruner_instance()
    {
        var first = new HyperbandPruner(StudyDirection.Minimize, 27);
        var second = new HyperbandPruner(StudyDirection.Minimize, 27);

        Assert.Equal(Enumerable.Range(0, 100).Select(first.BracketOf), Enumerable.Range(0, 100).Select(second.BracketOf));
    }

    [Fact]
    public void A_trial_competes_only_with_trials_of_its_own_bracket()
    {
        var pruner = new HyperbandPruner(StudyDirection.Minimize, maxResource: 27);
        var zero = Enumerable.Range(0, 1000).Where(n => pruner.BracketOf(n) == 0).Take(2).ToList();
        var other = Enumerable.Range(0, 1000).Where(n => pruner.BracketOf(n) != 0).Take(5).ToList();
        var strangers = other.Select(n => Curve(n, TrialState.Complete, 0.001)).ToList();

        Assert.False(pruner.ShouldPrune(Curve(zero[0], TrialState.Running, 0.5), strangers));
        Assert.True(pruner.ShouldPrune(Curve(zero[0], TrialState.Running, 0.5), [.. strangers, Curve(zero[1], TrialState.Complete, 0.1)]));
    }
}
