using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Tests.Search.Tpe;

public class ParzenEstimatorTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963985, 0.975)]
    [InlineData(-1.0, 0.158655254)]
    [InlineData(3.0, 0.998650102)]
    public void The_normal_cdf_matches_the_tables(double z, double expected)
    {
        Assert.Equal(expected, NormalMath.Cdf(z), 6);
    }

    [Theory]
    [InlineData(0.05, 0.31725692)]
    [InlineData(0.5, -0.11983661)]
    [InlineData(0.95, -0.39017298)]
    public void Kernels_get_Optunas_bandwidths_and_a_true_truncated_density(double x, double expected)
    {
        // Optuna 3.1 gives these observations the bandwidths 0.2, 0.3, 0.4 and the prior 1.0
        // (neighbour gaps, clipped at 1/5). The expected values are that mixture's exact log
        // density, from erf in Python. Optuna 3.1's own log_pdf is lower by log σ per kernel: it
        // does not integrate to one (0.475 here).
        var estimator = new NumericalParzenEstimator([0.1, 0.2, 0.9], [1, 1, 1], 0, 1, 1.0);

        Assert.Equal(expected, estimator.LogPdf(x), 5);
    }

    [Fact]
    public void A_truncated_mixture_integrates_to_one_over_its_range()
    {
        var estimator = new NumericalParzenEstimator([0.05, 0.1, 0.9, 0.95], [1, 1, 1, 1], 0, 1, 1.0);

        const int Steps = 20_000;
        var integral = Enumerable.Range(0, Steps).Sum(i => Math.Exp(estimator.LogPdf((i + 0.5) / Steps)) / Steps);

        Assert.Equal(1.0, integral, 3);
    }

    [Fact]
    public void Draws_stay_in_range_and_gather_where_the_observations_are()
    {
        var estimator = new NumericalParzenEstimator([0.8, 0.82, 0.85, 0.9], [1, 1, 1, 1], 0, 1, 1.0);
        var random = new Random(4);
        var draws = Enumerable.Range(0, 2000).Select(_ => estimator.Sample(random)).ToList();

        Assert.All(draws, d => Assert.InRange(d, 0, 1));
        Assert.True(draws.Count(d => d > 0.7) > 1200);
    }

    [Fact]
    public void A_joint_estimator_keeps_which_values_went_together()
    {
        // Observations at (0.25, 0.25) and (0.75, 0.75): each marginal is the same at 0.25 and
        // 0.75, so only a joint model can tell the matched corners from the mixed ones.
        double[][] observations = [[0.25, 0.25], [0.75, 0.75], [0.26, 0.24], [0.74, 0.76]];
        var estimator = new JointParzenEstimator([new(0, 1, 0), new(0, 1, 0)], observations, [1, 1, 1, 1], 1.0);

        Assert.True(estimator.LogPdf([0.25, 0.25]) > estimator.LogPdf([0.25, 0.75]) + 1.0);
    }

    [Fact]
    public void A_joint_estimator_integrates_to_one_over_its_box()
    {
        var estimator = new JointParzenEstimator([new(0, 1, 0), new(0, 0, 3)], [[0.1, 2], [0.9, 0]], [1, 1], 1.0);

        const int Steps = 2_000;
        var integral = Enumerable.Range(0, Steps).Sum(i => Enumerable.Range(0, 3).Sum(c => Math.Exp(estimator.LogPdf([(i + 0.5) / Steps, c])))) / Steps;

        Assert.Equal(1.0, integral, 3);
    }

    [Theory]
    [InlineData(0.05, 0.54260709)]
    [InlineData(0.5, -0.23589995)]
    [InlineData(0.95, -0.39030042)]
    public void Joint_kernels_take_the_larger_gap_to_their_neighbours_and_the_range_ends(double x, double expected)
    {
        // Centres 0.1, 0.2, 0.9 and the prior's 0.5, with 0 and 1 as neighbours too: widths 0.1,
        // 0.3 and 0.4, the prior 1.0. The expected values are that mixture's exact log density.
        var estimator = new JointParzenEstimator([new(0, 1, 0)], [[0.1], [0.2], [0.9]], [1, 1, 1], 1.0);

        Assert.Equal([0.1, 0.3, 0.4, 1.0], [.. Enumerable.Range(0, 4).Select(k => Math.Round(estimator.Width(0, k), 9))]);
        Assert.Equal(expected, estimator.LogPdf([x]), 6);
    }

    [Fact]
    public void Joint_kernels_in_more_dimensions_keep_a_wider_floor()
    {
        // Five observations 0.01 apart: their gaps fall below the floor, 3% of the range in one
        // dimension, 7^(-8/6) ≈ 7.5% with six kernels in six (they lie further apart there).
        double[] cluster = [0.30, 0.31, 0.32, 0.33, 0.34];
        var one = new JointParzenEstimator([new(0, 1, 0)], [.. cluster.Select(c => new[] { c })], [1, 1, 1, 1, 1], 1.0);
        var six = new JointParzenEstimator([.. Enumerable.Repeat(new JointDimension(0, 1, 0), 6)], [.. cluster.Select(c => Enumerable.Repeat(c, 6).ToArray())], [1, 1, 1, 1, 1], 1.0);

        Assert.Equal(0.03, one.Width(0, 2), 9);
        Assert.Equal(Math.Pow(7, -8.0 / 6), six.Width(3, 2), 9);
    }

    [Fact]
    public void Categorical_probabilities_sum_to_one_and_favour_what_was_observed()
    {
        var estimator = new CategoricalParzenEstimator([2, 2, 2, 0], [1, 1, 1, 1], 4, 1.0);

        Assert.Equal(1.0, Enumerable.Range(0, 4).Sum(c => Math.Exp(estimator.LogPdf(c))), 9);
        Assert.True(estimator.LogPdf(2) > estimator.LogPdf(0));
        Assert.True(estimator.LogPdf(0) > estimator.LogPdf(1));
    }
}
