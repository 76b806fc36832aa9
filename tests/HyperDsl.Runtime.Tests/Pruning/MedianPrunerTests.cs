using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;
using static HyperDsl.Runtime.Tests.Pruning.PrunerContractTests;

namespace HyperDsl.Runtime.Tests.Pruning;

public class MedianPrunerTests
{
    // Five finished loss curves; at step 2 they read 0.5, 0.6, 0.7, 0.8, 0.9 (median 0.7).
    private static readonly List<TrialRecord> Finished =
        [.. Enumerable.Range(0, 5).Select(n => Curve(n, TrialState.Complete, 1.0, 0.5 + (n * 0.1), 0.4))];

    [Fact]
    public void A_trial_worse_than_the_median_at_its_step_is_pruned()
    {
        Assert.True(new MedianPruner(StudyDirection.Minimize).ShouldPrune(Curve(5, TrialState.Running, 1.2, 0.75), Finished));
    }

    [Fact]
    public void A_trial_better_than_the_median_at_its_step_goes_on()
    {
        Assert.False(new MedianPruner(StudyDirection.Minimize).ShouldPrune(Curve(5, TrialState.Running, 1.2, 0.65), Finished));
    }

    [Fact]
    public void The_trial_is_judged_by_its_best_value_so_far_not_its_latest()
    {
        Assert.False(new MedianPruner(StudyDirection.Minimize).ShouldPrune(Curve(5, TrialState.Running, 0.6, 0.95), Finished));
    }

    [Fact]
    public void Nothing_is_pruned_before_the_startup_trials_have_finished()
    {
        Assert.False(new MedianPruner(StudyDirection.Minimize, startupTrials: 6).ShouldPrune(Curve(5, TrialState.Running, 9, 9), Finished));
    }

    [Fact]
    public void Nothing_is_pruned_during_the_warm_up_steps()
    {
        Assert.False(new MedianPruner(StudyDirection.Minimize, warmupSteps: 3).ShouldPrune(Curve(5, TrialState.Running, 9, 9), Finished));
    }

    [Fact]
    public void Between_two_checks_of_the_interval_the_trial_goes_on()
    {
        var pruner = new MedianPruner(StudyDirection.Minimize, intervalSteps: 2);

        // Checks fall in the intervals [0, 2) and [2, 4): step 3 is the second report of the second.
        Assert.True(pruner.ShouldPrune(Curve(5, TrialState.Running, 9, 9), Finished));
        Assert.False(pruner.ShouldPrune(Curve(5, TrialState.Running, 9, 9, 9), Finished));
    }

    [Fact]
    public void A_step_no_finished_trial_reached_prunes_nothing()
    {
        Assert.False(new MedianPruner(StudyDirection.Minimize).ShouldPrune(Curve(5, TrialState.Running, 9, 9, 9, 9), Finished));
    }

    [Fact]
    public void A_trial_that_reported_only_NaN_is_pruned()
    {
        Assert.True(new MedianPruner(StudyDirection.Minimize).ShouldPrune(Curve(5, TrialState.Running, double.NaN, double.NaN), Finished));
    }

    [Fact]
    public void Running_and_pruned_trials_do_not_move_the_median()
    {
        var study = Finished.Concat(Enumerable.Range(10, 10).Select(n => Curve(n, n % 2 == 0 ? TrialState.Running : TrialState.Pruned, 9, 9))).ToList();

        Assert.False(new MedianPruner(StudyDirection.Minimize).ShouldPrune(Curve(5, TrialState.Running, 1.2, 0.65), study));
    }
}
