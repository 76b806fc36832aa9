using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;

namespace HyperDsl.Runtime.Tests.Pruning;

public sealed class PromotingAshaTests
{
    private static readonly PromotingAsha Maximizing = new(StudyDirection.Maximize, minEpochs: 1, reduction: 3, maxEpochs: 9);

    private static RungStanding Paused(int trial, params double[] values) => new(trial, values, values.Length - 1);

    private static RungStanding Running(int trial, params double[] values) => new(trial, values, null);

    [Fact]
    public void Trials_pause_at_every_rung_below_the_full_epochs()
    {
        Assert.Equal([1, 3], Maximizing.Rungs);
        Assert.Equal(1, Maximizing.NextPause(0));
        Assert.Equal(3, Maximizing.NextPause(1));
        Assert.Null(Maximizing.NextPause(3));
        Assert.Equal([2, 6, 18], new PromotingAsha(StudyDirection.Minimize, 2, 3, 20).Rungs);
        Assert.Equal([1, 3, 9], new PromotingAsha(StudyDirection.Minimize, 1, 3, 10).Rungs);
        Assert.Equal(1, Maximizing.RungAt(3));
        Assert.Null(Maximizing.RungAt(2));
    }

    [Fact]
    public void No_trial_is_promoted_before_its_rung_has_reduction_trials()
    {
        Assert.Null(Maximizing.Promotion([Paused(0, 0.9), Paused(1, 0.8)]));
    }

    [Fact]
    public void The_best_paused_trial_of_a_full_enough_rung_is_promoted()
    {
        Assert.Equal(1, Maximizing.Promotion([Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7)]));
    }

    [Fact]
    public void A_minimized_objective_promotes_the_smallest_value()
    {
        var minimizing = new PromotingAsha(StudyDirection.Minimize, 1, 3, 9);
        Assert.Equal(0, minimizing.Promotion([Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7)]));
    }

    [Fact]
    public void A_trial_already_promoted_takes_its_place_in_the_top_and_is_not_promoted_again()
    {
        // Trial 1 was promoted (it runs on to rung 3): with 4 trials at rung 1 only the best one goes on, so nothing is promoted.
        RungStanding[] standings = [Paused(0, 0.5), Running(1, 0.9), Paused(2, 0.7), Paused(3, 0.6)];
        Assert.Null(Maximizing.Promotion(standings));

        // At 6 trials the best two go on: trial 2 is the second.
        Assert.Equal(2, Maximizing.Promotion([.. standings, Paused(4, 0.1), Paused(5, 0.2)]));
    }

    [Fact]
    public void A_trial_that_fell_out_of_the_top_stays_paused()
    {
        // Trial 0 was best of the first three but was not promoted yet; once better ones arrive it is no longer in the top third.
        Assert.Equal(4, Maximizing.Promotion([Paused(0, 0.5), Running(1, 0.1, 0.2), Paused(2, 0.3), Running(3, 0.95), Paused(4, 0.9), Paused(5, 0.2)]));
    }

    [Fact]
    public void Higher_rungs_are_promoted_first()
    {
        RungStanding[] standings =
        [
            Paused(0, 0.9, 0.8), Paused(1, 0.8, 0.5), Paused(2, 0.7, 0.4),
            Paused(3, 0.6), Paused(4, 0.5), Paused(5, 0.4), Paused(6, 0.3), Paused(7, 0.2), Paused(8, 0.1),
        ];

        // Rung 3 has three trials: trial 0, the best there, goes on to the full epochs before rung 1's best unpromoted one.
        Assert.Equal(0, Maximizing.Promotion(standings));
    }

    [Fact]
    public void A_nan_value_ranks_last()
    {
        Assert.Equal(2, Maximizing.Promotion([Paused(0, double.NaN), Paused(1, 0.1), Paused(2, 0.2)]));
    }

    [Fact]
    public void Ties_go_to_the_earlier_trial()
    {
        Assert.Equal(1, Maximizing.Promotion([Paused(2, 0.5), Paused(1, 0.5), Paused(3, 0.5)]));
    }

    [Fact]
    public void Only_the_promoting_asha_choice_has_a_promotion_schedule_and_it_stops_no_trial()
    {
        Assert.Null(new PrunerChoice.Asha().Promotion(StudyDirection.Maximize, 9));
        Assert.IsType<SuccessiveHalvingPruner>(new PrunerChoice.Asha().Create(StudyDirection.Maximize, 9));
        Assert.Equal([1, 3], new PrunerChoice.Asha(Promote: true).Promotion(StudyDirection.Maximize, 9)!.RungsOf(0));
        Assert.IsType<NopPruner>(new PrunerChoice.Asha(Promote: true).Create(StudyDirection.Maximize, 9));
        Assert.Null(new PrunerChoice.Hyperband().Promotion(StudyDirection.Maximize, 9));
    }
}
