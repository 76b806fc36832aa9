namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// A mixture over choices: each observation's kernel puts its weight on its own choice, smoothed
/// by the prior spread evenly over all kernels, and the prior's own kernel is uniform.
/// </summary>
internal sealed class CategoricalParzenEstimator
{
    private readonly double[] _probabilities;

    public CategoricalParzenEstimator(IReadOnlyList<int> observations, IReadOnlyList<double> weights, int choices, double priorWeight)
    {
        var kernels = observations.Count + 1;
        var smoothing = priorWeight / kernels;
        var total = weights.Sum() + priorWeight;
        _probabilities = new double[choices];
        for (var i = 0; i < observations.Count; i++)
        {
            for (var c = 0; c < choices; c++)
            {
                _probabilities[c] += weights[i] / total * KernelShare(c == observations[i], choices, smoothing);
            }
        }

        for (var c = 0; c < choices; c++)
        {
            _probabilities[c] += priorWeight / total / choices;
        }
    }

    public int Sample(Random random) => Draw(random, _probabilities);

    public double LogPdf(int choice) => Math.Log(_probabilities[choice]);

    /// <summary>What an observation's kernel gives a choice: its own choice 1, every choice the smoothing, normalised.</summary>
    internal static double KernelShare(bool observed, int choices, double smoothing) =>
        ((observed ? 1.0 : 0.0) + smoothing) / (1.0 + (smoothing * choices));

    /// <summary>A choice drawn in proportion to <paramref name="probabilities"/>.</summary>
    internal static int Draw(Random random, ReadOnlySpan<double> probabilities)
    {
        var u = random.NextDouble();
        var running = 0.0;
        for (var c = 0; c < probabilities.Length; c++)
        {
            running += probabilities[c];
            if (u < running)
            {
                return c;
            }
        }

        return probabilities.Length - 1;
    }
}
