namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>The normalised weights of a mixture's kernels (the observations', then the prior's), for drawing a kernel and for densities.</summary>
internal sealed class KernelWeights
{
    private readonly double[] _cumulative;

    public KernelWeights(IReadOnlyList<double> observationWeights, double priorWeight)
    {
        var raw = observationWeights.Append(priorWeight).ToArray();
        var total = raw.Sum();
        var logTotal = Math.Log(total);
        _cumulative = new double[raw.Length];
        Log = new double[raw.Length];
        var running = 0.0;
        for (var i = 0; i < raw.Length; i++)
        {
            running += raw[i] / total;
            _cumulative[i] = running;

            // Weights are mostly exactly 1: spare those a log.
            Log[i] = (raw[i] == 1.0 ? 0.0 : Math.Log(raw[i])) - logTotal;
        }
    }

    /// <summary>How many kernels there are, the prior included.</summary>
    public int Count => _cumulative.Length;

    /// <summary>The log of each kernel's share.</summary>
    public double[] Log { get; }

    /// <summary>Draws a kernel's index in proportion to its weight.</summary>
    public int Pick(Random random)
    {
        var u = random.NextDouble();
        var k = Array.FindIndex(_cumulative, c => u < c);
        return k < 0 ? _cumulative.Length - 1 : k;
    }
}
