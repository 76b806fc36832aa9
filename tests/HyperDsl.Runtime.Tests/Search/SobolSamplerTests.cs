using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Tests.Search;

public class SobolSamplerTests
{
    [Fact]
    public void Sixteen_trials_put_one_point_in_each_sixteenth_of_every_range()
    {
        var sampler = new SobolSampler(9, ["x", "y"]);
        var points = Enumerable.Range(0, 16).Select(n => sampler.StartTrial([], n)).Select(t => (X: t.SuggestFloat("x", 0, 1), Y: t.SuggestFloat("y", 0, 1))).ToList();

        Assert.Equal(16, points.Select(p => (int)(p.X * 16)).Distinct().Count());
        Assert.Equal(16, points.Select(p => (int)(p.Y * 16)).Distinct().Count());
    }

    [Fact]
    public void Sixteen_trials_cover_a_grid_more_evenly_than_random_draws()
    {
        static int EmptyCells(Func<int, ITrialSuggestions> start) =>
            16 - Enumerable.Range(0, 16).Select(start).Select(t => ((int)(t.SuggestFloat("x", 0, 1) * 4), (int)(t.SuggestFloat("y", 0, 1) * 4))).Distinct().Count();

        var sobol = new SobolSampler(1, ["x", "y"]);
        var random = new RandomSampler(1);

        Assert.Equal(0, EmptyCells(n => sobol.StartTrial([], n)));
        Assert.True(EmptyCells(n => random.StartTrial([], n)) > 0);
    }

    [Fact]
    public void A_conditional_parameter_keeps_its_dimension_when_others_are_inactive()
    {
        var sampler = new SobolSampler(4, ["optimizer", "momentum"]);

        var withOptimizer = sampler.StartTrial([], 5);
        withOptimizer.SuggestCategorical("optimizer", ["adam", "sgd"]);
        var momentumAfter = withOptimizer.SuggestFloat("momentum", 0, 1);

        Assert.Equal(momentumAfter, sampler.StartTrial([], 5).SuggestFloat("momentum", 0, 1));
    }

    [Fact]
    public void Different_seeds_shift_the_points()
    {
        Assert.NotEqual(
            new SobolSampler(1, ["x"]).StartTrial([], 3).SuggestFloat("x", 0, 1),
            new SobolSampler(2, ["x"]).StartTrial([], 3).SuggestFloat("x", 0, 1));
    }

    [Fact]
    public void Parameters_outside_the_space_are_still_drawn_within_their_range()
    {
        var trial = new SobolSampler(1, ["x"]).StartTrial([], 0);

        Assert.InRange(trial.SuggestInt("unlisted", 3, 7), 3, 7);
    }
}
