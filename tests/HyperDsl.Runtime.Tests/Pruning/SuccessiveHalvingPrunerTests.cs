using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;
using static HyperDsl.Runtime.Tests.Pruning.PrunerContractTests;

namespace HyperDsl.Runtime.Tests.Pruning;

public class SuccessiveHalvingPrunerTests
{
    // Rungs at steps 1, 4 and 16 (minResource 1, factor 4).
    private static readonly SuccessiveHalvingPruner Pruner = new(StudyDirection.Minimize);

    private static readonly List<TrialRecord> ThreeAtRungZero =
    [
        Curve(0, TrialState.Complete, 0.1),
        Curve(1, TrialState.Pruned, 0.2),
        Curve(2, TrialState.Running, 0.3),
    ];

    [Fact]
    public void The_first_trial_to_reach_a_rung_is_promoted()
    {
        Assert.False(Pruner.ShouldPrune(Curve(0, TrialState.Running, 5.0), []));
    }

    [Fact]
    public void Before_there_is_a_quarter_to_keep_only_the_best_so_far_goes_on()
    {
        Assert.False(Pruner.ShouldPrune(Curve(3, TrialState.Running, 0.05), ThreeAtRungZero));
        Assert.True(Pruner.ShouldPrune(Curve(3, TrialState.Running, 0.15), ThreeAtRungZero));
    }

    [Fact]
    public void With_eight_at_a_rung_the_best_two_go_on()
    {
        var study = Enumerable.Range(0, 7).Select(n => Curve(n, TrialState.Complete, 0.1 * (n + 1))).ToList();

        Assert.False(Pruner.ShouldPrune(Curve(7, TrialState.Running, 0.15), study));
        Assert.True(Pruner.ShouldPrune(Curve(7, TrialState.Running, 0.25), study));
    }

    [Fact]
    public void Steps_between_rungs_are_never_pruned()
    {
        Assert.False(Pruner.ShouldPrune(Curve(3, TrialState.Running, 0.05, 9, 9), ThreeAtRungZero));
    }

    [Fact]
    public void A_rung_passed_once_is_not_judged_again_when_better_trials_arrive_later()
    {
        var later = ThreeAtRungZero.Select(t => t with { Intermediate = new Dictionary<int, double> { [1] = 0.01 } }).ToList();

        Assert.False(Pruner.ShouldPrune(Curve(3, TrialState.Running, 0.05, 0.04), later));
    }

    [Fact]
    public void A_trial_that_skipped_the_rung_step_is_judged_at_its_next_report()
    {
        var skipping = new TrialRecord(3, new Dictionary<string, object>(), TrialState.Running) { Intermediate = new Dictionary<int, double> { [2] = 0.15 } };

        Assert.True(Pruner.ShouldPrune(skipping, ThreeAtRungZero));
    }

    [Fact]
    public void A_NaN_at_a_rung_is_pruned()
    {
        Assert.True(Pruner.ShouldPrune(Curve(0, TrialState.Running, double.NaN), []));
    }

    [Fact]
    public void The_second_rung_compares_only_trials_that_reached_it()
    {
        var study = new List<TrialRecord>
        {
            Curve(0, TrialState.Complete, 0.1, 0.1, 0.1, 0.5),
            Curve(1, TrialState.Pruned, 0.01),
            Curve(2, TrialState.Pruned, 0.01),
            Curve(3, TrialState.Pruned, 0.01),
        };

        // At step 4 only trial 0 competes (0.5): 0.4 is the best of the two and goes on.
        Assert.False(Pruner.ShouldPrune(Curve(4, TrialState.Running, 0.001, 0.3, 0.3, 0.4), study));
        Assert.True(Pruner.ShouldPrune(Curve(4, TrialState.Running, 0.001, 0.3, 0.3, 0.6), study));
    }
}
