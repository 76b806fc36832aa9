using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;

namespace HyperDsl.Runtime.Tests.Pruning;

public sealed class PromotingHyperbandTests
{
    // Nine epochs, first rung 1, reduction 3: brackets with rungs [1, 3], [3] and none.
    private static readonly PromotingHyperband Maximizing = new(StudyDirection.Maximize, minEpochs: 1, reduction: 3, maxEpochs: 9);

    private static List<int> InBracket(int bracket, int count) => [.. Enumerable.Range(0, 1000).Where(n => Maximizing.BracketOf(n) == bracket).Take(count)];

    private static RungStanding Paused(int trial, params double[] values) => new(trial, values, values.Length - 1);

    [Fact]
    public void Each_bracket_is_a_promoting_asha_whose_first_rung_is_reduction_times_the_previous_brackets()
    {
        Assert.Equal([[1, 3], [3], []], Maximizing.Brackets.Select(b => b.Rungs.ToArray()));
        Assert.Equal([[2, 4, 8], [4, 8], [8], []], new PromotingHyperband(StudyDirection.Minimize, 2, 2, 16).Brackets.Select(b => b.Rungs.ToArray()));
    }

    [Fact]
    public void A_trial_is_in_the_bracket_the_stopping_hyperband_puts_it_in()
    {
        var stopping = new HyperbandPruner(StudyDirection.Maximize, maxResource: 9, minResource: 1, reductionFactor: 3);

        Assert.Equal(Enumerable.Range(0, 200).Select(stopping.BracketOf), Enumerable.Range(0, 200).Select(Maximizing.BracketOf));
    }

    [Fact]
    public void A_trial_pauses_at_its_own_brackets_rungs_and_the_last_brackets_trials_never_pause()
    {
        var first = InBracket(0, 1)[0];
        var second = InBracket(1, 1)[0];
        var last = InBracket(2, 1)[0];

        Assert.Equal(1, Maximizing.NextPause(first, 0));
        Assert.Equal(3, Maximizing.NextPause(first, 1));
        Assert.Equal(3, Maximizing.NextPause(second, 0));
        Assert.Null(Maximizing.NextPause(second, 3));
        Assert.Null(Maximizing.NextPause(last, 0));
        Assert.Equal([3], Maximizing.RungsOf(second));
    }

    [Fact]
    public void A_trial_competes_only_with_the_trials_of_its_own_bracket()
    {
        // Two trials of bracket 0 at epoch 1 and many better ones of bracket 1 at epoch 3: bracket 0's rung has too few trials.
        var zero = InBracket(0, 3);
        var one = InBracket(1, 3);
        RungStanding[] standings = [Paused(zero[0], 0.5), Paused(zero[1], 0.4), .. one.Select(n => Paused(n, 0.9))];
        Assert.Equal(one[0], Maximizing.Promotion(standings));
        Assert.Null(Maximizing.Promotion([.. standings.Where(s => s.Trial != one[0]), new RungStanding(one[0], [0.9], null)]));

        // A third trial of bracket 0 fills its rung: its best goes on.
        Assert.Equal(zero[0], Maximizing.Promotion([Paused(zero[0], 0.5), Paused(zero[1], 0.4), Paused(zero[2], 0.1), .. one.Take(2).Select(n => Paused(n, 0.9))]));
    }

    [Fact]
    public void Of_the_brackets_with_a_promotion_the_trial_paused_at_the_highest_epoch_goes_first()
    {
        var zero = InBracket(0, 3);
        var one = InBracket(1, 3);

        // Bracket 0's best is paused at epoch 1, bracket 1's at epoch 3.
        Assert.Equal(one[0], Maximizing.Promotion([.. zero.Select(n => Paused(n, 0.5)), .. one.Select(n => Paused(n, 0.5))]));
    }

    [Fact]
    public void The_promoting_hyperband_choice_stops_no_trial_and_the_stopping_one_has_no_promotion_schedule()
    {
        Assert.IsType<PromotingHyperband>(new PrunerChoice.Hyperband(Promote: true).Promotion(StudyDirection.Maximize, 9));
        Assert.IsType<NopPruner>(new PrunerChoice.Hyperband(Promote: true).Create(StudyDirection.Maximize, 9));
        Assert.Null(new PrunerChoice.Hyperband().Promotion(StudyDirection.Maximize, 9));
        Assert.IsType<HyperbandPruner>(new PrunerChoice.Hyperband().Create(StudyDirection.Maximize, 9));
    }
}
