using HyperDsl.Runtime.Search.Gp;

namespace HyperDsl.Runtime.Tests.Search.Gp;

/// <summary>The marginal likelihood's gradient is its derivative, and the fit finds the dimension that matters.</summary>
public class KernelFitTests
{
    private static readonly bool[] Categorical = [false, false, true];

    // Twelve points: the value depends on the first coordinate and the category, not the second.
    private static (double[][] X, double[] Y) Data()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 12).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.Next(3) }).ToArray();
        var y = x.Select(p => Math.Sin(6 * p[0]) + (p[2] == 1 ? 1 : 0)).ToArray();
        var mean = y.Average();
        var spread = Math.Sqrt(y.Average(v => (v - mean) * (v - mean)));
        return (x, [.. y.Select(v => (v - mean) / spread)]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_gradient_matches_finite_differences(bool deterministic)
    {
        var (x, y) = Data();
        var differences = KernelFit.Differences(x, Categorical);
        double[] theta = deterministic ? [0.3, -0.5, 0.1, 0.2] : [0.3, -0.5, 0.1, 0.2, -3];
        var (_, gradient) = KernelFit.NegativeLogPosterior(theta, x, y, differences, deterministic);

        for (var k = 0; k < theta.Length; k++)
        {
            const double H = 1e-6;
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[k] += H;
            down[k] -= H;
            var numeric = (KernelFit.NegativeLogPosterior(up, x, y, differences, deterministic).Value - KernelFit.NegativeLogPosterior(down, x, y, differences, deterministic).Value) / (2 * H);
            Assert.Equal(numeric, gradient[k], 4);
        }
    }

    [Fact]
    public void The_fit_gives_the_dimension_that_does_not_matter_the_longest_length_scale()
    {
        var (x, y) = Data();
        var fitted = KernelFit.Fit(x, y, Categorical, deterministic: false);

        // A smaller inverse squared length scale is a longer length scale: the second coordinate is ignored.
        Assert.True(fitted.InverseSquaredLengthScales[1] < fitted.InverseSquaredLengthScales[0], string.Join(", ", fitted.InverseSquaredLengthScales));
    }
}
