using System.Numerics.Tensors;

namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// A mixture of normals truncated to [low, high], one per observation plus a wide prior, with
/// Optuna's univariate bandwidth rule: each kernel as wide as the larger gap to its sorted
/// neighbours, clipped to [range / min(100, 1 + kernels), range].
/// </summary>
internal sealed class NumericalParzenEstimator
{
    private readonly double _low;
    private readonly double _high;
    private readonly double[] _mus;
    private readonly double[] _sigmas;
    private readonly KernelWeights _weights;

    // Work space for LogPdf, reused across calls: an estimator serves one trial on one thread.
    private readonly double[] _terms;

    // Per kernel: log(weight / (σ √(2π) · mass inside the range)) and 1/σ, so a density term costs
    // a few multiplications; only the terms that can matter pay for an exp.
    private readonly double[] _logScale;
    private readonly double[] _inverseSigma;

    public NumericalParzenEstimator(IReadOnlyList<double> observations, IReadOnlyList<double> weights, double low, double high, double priorWeight)
    {
        _low = low;
        _high = high;
        var range = high - low;
        var n = observations.Count + 1;
        _mus = [.. observations, 0.5 * (low + high)];
        _sigmas = NeighbourGaps.Of(_mus, low, high, rangeEnds: false);
        var minSigma = range / Math.Min(100.0, 1.0 + n);
        for (var i = 0; i < n - 1; i++)
        {
            _sigmas[i] = Math.Clamp(_sigmas[i], minSigma, range);
        }

        _sigmas[n - 1] = range;

        _weights = new KernelWeights(weights, priorWeight);
        _terms = new double[n];
        _logScale = new double[n];
        _inverseSigma = new double[n];
        var logMinSigma = Math.Log(minSigma);
        for (var i = 0; i < n; i++)
        {
            // Most kernels are clipped to the same width: spare them a log.
            var sigma = _sigmas[i];
            var logSigma = sigma == minSigma ? logMinSigma : Math.Log(sigma);
            _logScale[i] = _weights.Log[i] - logSigma - NormalMath.LogSqrtTwoPi - NormalMath.LogMassInside(_mus[i], sigma, low, high);
            _inverseSigma[i] = 1.0 / sigma;
        }
    }

    public double Sample(Random random)
    {
        var k = _weights.Pick(random);
        return NormalMath.SampleTruncated(random, _mus[k], _sigmas[k], _low, _high);
    }

    public double LogPdf(double x)
    {
        Span<double> result = stackalloc double[1];
        LogPdf([x], result);
        return result[0];
    }

    /// <summary>The log density at each of <paramref name="xs"/>, a whole vector of kernels at a time.</summary>
    public void LogPdf(ReadOnlySpan<double> xs, Span<double> result)
    {
        var terms = _terms;
        for (var c = 0; c < xs.Length; c++)
        {
            // log(w σ⁻¹ ...) - ((x - μ) / σ)² / 2, then log-sum-exp.
            TensorPrimitives.Subtract(_mus, xs[c], terms);
            TensorPrimitives.Multiply(terms, _inverseSigma, terms);
            TensorPrimitives.Multiply(terms, terms, terms);
            TensorPrimitives.MultiplyAdd(terms, -0.5, _logScale, terms);
            var max = TensorPrimitives.Max(terms);
            TensorPrimitives.Subtract(terms, max, terms);
            TensorPrimitives.Exp(terms, terms);
            result[c] = max + Math.Log(TensorPrimitives.Sum(terms));
        }
    }
}
