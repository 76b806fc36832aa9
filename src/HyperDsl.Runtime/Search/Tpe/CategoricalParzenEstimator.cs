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
            var rowTotal = 1.0 + (smoothing * choices);
            for (var c = 0; c < choices; c++)
            {
                var mass = (c == observations[i] ? 1.0 + smoothing : smoothing) / rowTotal;
                _probabilities[c] += weights[i] / total * mass;
            }
        }

        for (var c = 0; c < choices; c++)
        {
            _probabilities[c] += priorWeight / total / choices;
        }
    }

    public int Sample(Random random)
    {
        var u = random.NextDouble();
        var running = 0.0;
        for (var c = 0; c < _probabilities.Length; c++)
        {
            running += _probabilities[c];
            if (u < running)
            {
                return c;
            }
        }

        return _probabilities.Length - 1;
    }

    public double LogPdf(int choice) => Math.Log(_probabilities[choice]);
}
