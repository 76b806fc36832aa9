using System.Numerics.Tensors;

namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// A Parzen estimator over several parameters at once: kernel <c>i</c> is a product over the
/// dimensions of a truncated normal (numeric) or a smoothed choice (categorical), all centred on
/// observation <c>i</c>, plus a wide prior kernel. Bandwidths follow Optuna's multivariate rule,
/// 0.2 · n^(-1/(d+4)) of each range, clipped as in the univariate estimator.
/// </summary>
internal sealed class JointParzenEstimator
{
    private readonly IReadOnlyList<JointDimension> _dimensions;
    private readonly double[] _logWeights;
    private readonly double[] _cumulative;

    // Numeric: centre, 1/σ and log(σ √(2π) · mass inside) per kernel. Categorical: log P per kernel and choice.
    private readonly double[][] _mus;
    private readonly double[][] _inverseSigmas;
    private readonly double[][] _logNormalisers;
    private readonly double[][][] _logChoices;

    /// <param name="dimensions">What each dimension is.</param>
    /// <param name="observations">One row per observation: the model-space value, or the choice index, per dimension.</param>
    /// <param name="weights">Each observation's weight.</param>
    /// <param name="priorWeight">The prior kernel's weight.</param>
    public JointParzenEstimator(IReadOnlyList<JointDimension> dimensions, IReadOnlyList<double[]> observations, IReadOnlyList<double> weights, double priorWeight)
    {
        _dimensions = dimensions;
        var n = observations.Count + 1;
        var raw = weights.Append(priorWeight).ToArray();
        var total = raw.Sum();
        _logWeights = [.. raw.Select(w => Math.Log(w / total))];
        _cumulative = new double[n];
        var running = 0.0;
        for (var i = 0; i < n; i++)
        {
            running += raw[i] / total;
            _cumulative[i] = running;
        }

        var numericCount = dimensions.Count(d => d.Choices == 0);
        var sigma0 = 0.2 * Math.Pow(Math.Max(observations.Count, 1), -1.0 / (numericCount + 4));
        _mus = new double[dimensions.Count][];
        _inverseSigmas = new double[dimensions.Count][];
        _logNormalisers = new double[dimensions.Count][];
        _logChoices = new double[dimensions.Count][][];
        for (var d = 0; d < dimensions.Count; d++)
        {
            var dimension = dimensions[d];
            if (dimension.Choices > 0)
            {
                _logChoices[d] = CategoricalRows(observations, d, dimension.Choices, priorWeight / n);
                continue;
            }

            var range = dimension.High - dimension.Low;
            var sigma = Math.Clamp(sigma0 * range, range / Math.Min(100.0, 1.0 + n), range);
            _mus[d] = new double[n];
            _inverseSigmas[d] = new double[n];
            _logNormalisers[d] = new double[n];
            for (var i = 0; i < n; i++)
            {
                var mu = i < n - 1 ? observations[i][d] : 0.5 * (dimension.Low + dimension.High);
                var s = i < n - 1 ? sigma : range;
                var mass = NormalMath.Cdf((dimension.High - mu) / s) - NormalMath.Cdf((dimension.Low - mu) / s);
                _mus[d][i] = mu;
                _inverseSigmas[d][i] = 1.0 / s;
                _logNormalisers[d][i] = Math.Log(s) + NormalMath.LogSqrtTwoPi + Math.Log(Math.Max(mass, 1e-300));
            }
        }
    }

    /// <summary>A point drawn from one kernel: model-space values or choice indices.</summary>
    public double[] Sample(Random random)
    {
        var u = random.NextDouble();
        var k = Array.FindIndex(_cumulative, c => u < c);
        k = k < 0 ? _cumulative.Length - 1 : k;
        var point = new double[_dimensions.Count];
        for (var d = 0; d < _dimensions.Count; d++)
        {
            point[d] = _dimensions[d].Choices > 0 ? SampleChoice(random, _logChoices[d][k]) : SampleNormal(random, _mus[d][k], 1.0 / _inverseSigmas[d][k], _dimensions[d]);
        }

        return point;
    }

    public double LogPdf(double[] point)
    {
        var n = _cumulative.Length;
        var terms = (double[])_logWeights.Clone();
        var scratch = new double[n];
        for (var d = 0; d < _dimensions.Count; d++)
        {
            if (_dimensions[d].Choices > 0)
            {
                var choice = (int)point[d];
                for (var i = 0; i < n; i++)
                {
                    terms[i] += _logChoices[d][i][choice];
                }

                continue;
            }

            // terms -= ((x - μ) / σ)² / 2 + log normaliser
            TensorPrimitives.Subtract(_mus[d], point[d], scratch);
            TensorPrimitives.Multiply(scratch, _inverseSigmas[d], scratch);
            TensorPrimitives.Multiply(scratch, scratch, scratch);
            TensorPrimitives.MultiplyAdd(scratch, -0.5, terms, terms);
            TensorPrimitives.Subtract(terms, _logNormalisers[d], terms);
        }

        return NormalMath.LogSumExp(terms);
    }

    private static double[][] CategoricalRows(IReadOnlyList<double[]> observations, int d, int choices, double smoothing)
    {
        var rows = new double[observations.Count + 1][];
        for (var i = 0; i < observations.Count; i++)
        {
            var total = 1.0 + (smoothing * choices);
            rows[i] = new double[choices];
            for (var c = 0; c < choices; c++)
            {
                rows[i][c] = Math.Log(((c == (int)observations[i][d] ? 1.0 : 0.0) + smoothing) / total);
            }
        }

        rows[^1] = [.. Enumerable.Repeat(-Math.Log(choices), choices)];
        return rows;
    }

    private static double SampleChoice(Random random, double[] logRow)
    {
        var u = random.NextDouble();
        var running = 0.0;
        for (var c = 0; c < logRow.Length; c++)
        {
            running += Math.Exp(logRow[c]);
            if (u < running)
            {
                return c;
            }
        }

        return logRow.Length - 1;
    }

    private static double SampleNormal(Random random, double mu, double sigma, JointDimension dimension)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var u1 = 1.0 - random.NextDouble();
            var x = mu + (sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
            if (x >= dimension.Low && x <= dimension.High)
            {
                return x;
            }
        }

        return Math.Clamp(mu, dimension.Low, dimension.High);
    }
}

/// <summary>One dimension of a <see cref="JointParzenEstimator"/>: a model-space range, or a number of choices.</summary>
internal readonly record struct JointDimension(double Low, double High, int Choices);
