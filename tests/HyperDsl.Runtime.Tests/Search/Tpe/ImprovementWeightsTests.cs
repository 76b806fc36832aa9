using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Tests.Search.Tpe;

public class ImprovementWeightsTests
{
    private static TrialRecord Trial(int number, double? value, TrialState state = TrialState.Complete) =>
        new(number, new Dictionary<string, object>(), state, value);

    [Fact]
    public void Good_trials_weigh_by_how_far_they_beat_the_bad_sets_best_with_a_mean_of_one()
    {
        // Margins 1, 0.5 and 0.1 below the threshold 1.0; their mean is 1.6 / 3.
        var weights = new ImprovementWeights(1.0, 1.0).For([Trial(0, 0.0), Trial(1, 0.5), Trial(2, 0.9)]);

        Assert.Equal([1.875, 0.9375, 0.1875], [.. weights.Select(w => Math.Round(w, 9))]);
    }

    [Fact]
    public void When_larger_is_better_the_largest_values_weigh_most()
    {
        var weights = new ImprovementWeights(0.5, -1.0).For([Trial(0, 0.9), Trial(1, 0.6)]);

        Assert.True(weights[0] > 3 * weights[1]);
        Assert.Equal(1.0, weights.Average(), 9);
    }

    [Fact]
    public void A_good_trial_that_only_ties_the_threshold_keeps_a_tiny_weight()
    {
        var weights = new ImprovementWeights(1.0, 1.0).For([Trial(0, 0.0), Trial(1, 1.0)]);

        Assert.InRange(weights[1], double.Epsilon, 1e-9);
    }

    [Fact]
    public void A_pruned_good_trial_has_no_margin_so_all_count_alike()
    {
        var weights = new ImprovementWeights(1.0, 1.0).For([Trial(0, 0.0), Trial(1, null, TrialState.Pruned)]);

        Assert.Equal([1.0, 1.0], weights);
    }
}
