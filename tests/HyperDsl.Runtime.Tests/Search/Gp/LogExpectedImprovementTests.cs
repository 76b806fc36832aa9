using HyperDsl.Runtime.Search.Gp;

namespace HyperDsl.Runtime.Tests.Search.Gp;

/// <summary>Log EI agrees with the textbook formula where that is exact, and stays finite and ordered far from the best.</summary>
public class LogExpectedImprovementTests
{
    [Theory]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(1.0, 4.0, 0.5)]
    [InlineData(-2.0, 0.25, 0.0)]
    [InlineData(3.0, 1.0, 0.0)]
    public void It_is_the_log_of_the_textbook_expected_improvement(double mean, double variance, double best)
    {
        var sigma = Math.Sqrt(variance);
        var z = (best - mean) / sigma;
        var phi = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
        var cdf = 0.5 * (1 + Erf(z / Math.Sqrt(2)));
        var expected = Math.Log(sigma * (phi + (z * cdf)));

        Assert.Equal(expected, LogExpectedImprovement.Of(mean, variance, best), 5);
    }

    [Fact]
    public void Far_below_the_best_it_stays_finite_and_falls_smoothly()
    {
        double[] z = [-5, -9.99, -10.01, -20, -40];
        var values = z.Select(LogExpectedImprovement.LogH).ToList();

        Assert.All(values, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(values.OrderByDescending(v => v), values);

        // Both formulas agree where they meet (the direct one just above z = -10, the series just below).
        Assert.Equal(LogExpectedImprovement.LogH(-10 + 1e-9), LogExpectedImprovement.LogH(-10 - 1e-9), 4);
    }

    // Abramowitz and Stegun 7.1.26 is too coarse here; the series converges for the small z used.
    private static double Erf(double x)
    {
        double sum = 0, term = x;
        for (var n = 0; n < 60; n++)
        {
            sum += term / ((2 * n) + 1);
            term *= -x * x / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }
}
