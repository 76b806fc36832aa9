using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Gp;

namespace HyperDsl.Runtime.Tests.Search;

/// <summary>Log expected hypervolume improvement of two objectives: exact, and finite and ordered far from the front.</summary>
public class LogExpectedHypervolumeImprovementTests
{
    // (3.5, 3.5) is dominated, so it adds no box.
    private static readonly double[][] Front = [[1, 3], [2, 2], [3, 1], [3.5, 3.5]];
    private static readonly double[] Reference = [4, 4];

    [Theory]
    [InlineData(2.5, 2.5, 0.5, 0.8)]
    [InlineData(0.5, 3.8, 0.1, 2.0)]
    [InlineData(3.5, 3.5, 1.0, 1.0)]
    public void It_matches_a_monte_carlo_estimate_of_the_improvement(double mean0, double mean1, double variance0, double variance1)
    {
        var random = new Random(3);
        var before = Hypervolume.Of(Front, Reference);
        const int Samples = 200_000;
        var total = 0.0;
        for (var s = 0; s < Samples; s++)
        {
            double[] y = [mean0 + (Math.Sqrt(variance0) * Normal(random)), mean1 + (Math.Sqrt(variance1) * Normal(random))];
            total += Hypervolume.Of([.. Front, y], Reference) - before;
        }

        var exact = Math.Exp(LogExpectedHypervolumeImprovement.For(Front, Reference).Of([mean0, mean1], [variance0, variance1]));

        Assert.Equal(total / Samples, exact, tolerance: 0.02 * exact);
    }

    [Fact]
    public void Far_from_the_front_it_stays_finite_and_prefers_the_nearer_point()
    {
        var improvement = LogExpectedHypervolumeImprovement.For(Front, Reference);
        var far = improvement.Of([40, 40], [0.01, 0.01]);
        var farther = improvement.Of([60, 60], [0.01, 0.01]);

        Assert.True(double.IsFinite(far) && double.IsFinite(farther), $"{far}, {farther}");
        Assert.True(far > farther, $"{far} <= {farther}");
    }

    [Fact]
    public void The_reference_lies_beyond_the_worst_point_in_each_objective()
    {
        var reference = LogExpectedHypervolumeImprovement.Reference(Front);

        Assert.Equal(3.75, reference[0], 12);
        Assert.Equal(3.75, reference[1], 12);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
