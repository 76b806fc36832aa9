using HyperDsl.Compiler.Catalog;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>What 'sampler auto' picks for each shape of study, and that it says why in the study's terms.</summary>
public class AutoSamplerTests
{
    [Theory]
    [InlineData(2, 300L, "nsga2", "2 objectives, 300 trials: NSGA-II evolves 6 generations")]
    [InlineData(2, 60L, "gp", "2 objectives, 2 numeric parameters, 60 trials: on ZDT at 100 trials the GP's hypervolume beat TPE's")]
    [InlineData(3, 60L, "tpe", "too few for NSGA-II's generations")]
    [InlineData(1, 12L, "grid", "cover all 12 points")]
    [InlineData(1, 8L, "sobol", "too few for a model")]
    [InlineData(1, 60L, "gp", "2 numeric parameters, no choice or condition, 60 trials")]
    [InlineData(1, 5000L, "cmaes", "too many for a Gaussian process")]
    [InlineData(1, null, "tpe", "no trial budget")]
    public void Auto_picks_by_objectives_budget_and_space(int objectives, long? trials, string sampler, string reason)
    {
        var finite = sampler == "grid" ? 12L : (long?)null;
        var pick = AutoSampler.Pick(new StudyShape(objectives, trials, finite, Numeric: 2, Categorical: 0, Conditional: 0));

        Assert.Equal(sampler, pick.Sampler);
        Assert.Contains(reason, pick.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_objectives_with_a_choice_go_to_tpe_below_nsga2s_generations()
    {
        var pick = AutoSampler.Pick(new StudyShape(2, 60, null, Numeric: 2, Categorical: 1, Conditional: 0));

        Assert.Equal("tpe", pick.Sampler);
        Assert.Contains("too few for NSGA-II's generations", pick.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choices_without_conditions_go_to_tpe_however_many_trials()
    {
        foreach (var trials in new long[] { 40, 5000 })
        {
            var pick = AutoSampler.Pick(new StudyShape(1, trials, null, Numeric: 3, Categorical: 1, Conditional: 0));

            Assert.Equal("tpe", pick.Sampler);
            Assert.Contains("1 choice, which TPE models", pick.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 2, "2 conditional parameters, 40 trials: a GP per branch")]
    [InlineData(2, 1, "2 choices and 1 conditional parameter, 40 trials: a GP per branch")]
    public void Conditions_go_to_gp_up_to_a_thousand_trials_and_to_tpe_beyond(int categorical, int conditional, string reason)
    {
        var pick = AutoSampler.Pick(new StudyShape(1, 40, null, Numeric: 3, categorical, conditional));
        var many = AutoSampler.Pick(new StudyShape(1, 5000, null, Numeric: 3, categorical, conditional));
        var open = AutoSampler.Pick(new StudyShape(1, null, null, Numeric: 3, categorical, conditional));

        Assert.Equal("gp", pick.Sampler);
        Assert.Contains(reason, pick.Reason, StringComparison.Ordinal);
        Assert.Contains("beat TPE on the mixed-space bench (0.040 vs 0.122)", pick.Reason, StringComparison.Ordinal);
        Assert.Equal("tpe", many.Sampler);
        Assert.Equal("tpe", open.Sampler);
    }

    [Fact]
    public void A_grid_needs_the_budget_to_cover_the_space()
    {
        Assert.Equal("gp", AutoSampler.Pick(new StudyShape(1, 40, 64, Numeric: 2, Categorical: 0, Conditional: 0)).Sampler);
        Assert.Equal("grid", AutoSampler.Pick(new StudyShape(1, 64, 64, Numeric: 2, Categorical: 0, Conditional: 0)).Sampler);
    }

    [Fact]
    public void Every_pick_is_a_sampler_of_the_catalogue()
    {
        foreach (var shape in new StudyShape[] { new(2, 300, null, 1, 0, 0), new(2, 10, null, 1, 0, 0), new(1, 4, 4, 1, 0, 0), new(1, 3, null, 1, 0, 0), new(1, 99, null, 1, 0, 0), new(1, 9999, null, 1, 0, 0), new(1, 99, null, 0, 1, 0) })
        {
            Assert.Equal(EntryKind.Sampler, BuiltinCatalog.Find(AutoSampler.Pick(shape).Sampler)?.Kind);
        }
    }
}
