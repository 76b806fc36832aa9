using System.Numerics.Tensors;

namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// A Parzen estimator over several parameters at once: kernel <c>i</c> is a product over the
/// dimensions of a truncated normal (numeric) or a smoothed choice (categorical), all centred on
/// observation <c>i</c>, plus a prior kernel as wide as each range. In each numeric dimension a
/// kernel is as wide as the larger gap to its neighbours (the range's ends included), at least
/// R · max(0.03, (1 + K)^(-8/d)) for K kernels in d numeric dimensions and at most the range R.
/// <para>
/// The floor is Watanabe (2023)'s "magic clip" (Δ = 0.03), with an exponent that falls with the
/// dimension: gaps between sorted coordinates shrink like 1/K whatever d is, while K points
/// spread over d dimensions lie about K^(-1/d) apart, so in many dimensions kernels stay wide
/// for longer. On Branin (d = 2) this is the paper's α = 2 in effect; on Hartmann-6 it keeps the
/// first 40 model-based trials exploring (bench/README.md has the sweep).
/// </para>
/// </summary>
internal sealed class JointParzenEstimator
{
    // Watanabe (2023)'s smallest kernel width, as a share of the range.
    private const double MinimumWidth = 0.03;

    private readonly IReadOnlyList<JointDimension> _dimensions;
    private readonly KernelWeights _weights;

    // Work space for LogPdf, reused across calls: an estimator serves one trial on one thread.
    private readonly double[] _terms;
    private readonly double[] _scratch;

    // Numeric: centre, 1/σ and log(σ √(2π) · mass inside) per kernel. Categorical: log P per kernel and choice.
    private readonly double[][] _mus;
    private readonly double[][] _inverseSigmas;
    private readonly double[][] _logNormalisers;
    private readonly double[][][] _choiceRows;
    private readonly double[][][] _logChoices;

    /// <param name="dimensions">What each dimension is.</param>
    /// <param name="observations">One row per observation: the model-space value, or the choice index, per dimension.</param>
    /// <param name="weights">Each observation's weight.</param>
    /// <param name="priorWeight">The prior kernel's weight.</param>
    public JointParzenEstimator(IReadOnlyList<JointDimension> dimensions, IReadOnlyList<double[]> observations, IReadOnlyList<double> weights, double priorWeight)
    {
        _dimensions = dimensions;
        var n = observations.Count + 1;
        _weights = new KernelWeights(weights, priorWeight);
        _terms = new double[n];
        _scratch = new double[n];

        var numericCount = Math.Max(1, dimensions.Count(d => d.Choices == 0));
        var floor = Math.Max(MinimumWidth, Math.Pow(1.0 + n, -8.0 / numericCount));
        _mus = new double[dimensions.Count][];
        _inverseSigmas = new double[dimensions.Count][];
        _logNormalisers = new double[dimensions.Count][];
        _choiceRows = new double[dimensions.Count][][];
        _logChoices = new double[dimensions.Count][][];
        for (var d = 0; d < dimensions.Count; d++)
        {
            var dimension = dimensions[d];
            if (dimension.Choices > 0)
            {
                _choiceRows[d] = CategoricalRows(observations, d, dimension.Choices, priorWeight / n);
                _logChoices[d] = [.. _choiceRows[d].Select(row => row.Select(p => Math.Log(p)).ToArray())];
                continue;
            }

            var range = dimension.High - dimension.Low;
            _mus[d] = new double[n];
            _inverseSigmas[d] = new double[n];
            _logNormalisers[d] = new double[n];
            for (var i = 0; i < n; i++)
            {
                _mus[d][i] = i < n - 1 ? observations[i][d] : 0.5 * (dimension.Low + dimension.High);
            }

            var widths = NeighbourGaps.Of(_mus[d], dimension.Low, dimension.High, rangeEnds: true);
            for (var i = 0; i < n; i++)
            {
                var mu = _mus[d][i];
                var s = i < n - 1 ? Math.Clamp(widths[i], floor * range, range) : range;
                _inverseSigmas[d][i] = 1.0 / s;
                _logNormalisers[d][i] = Math.Log(s) + NormalMath.LogSqrtTwoPi + NormalMath.LogMassInside(mu, s, dimension.Low, dimension.High);
            }
        }
    }

    /// <summary>The width (σ) of <paramref name="kernel"/> in numeric <paramref name="dimension"/>; the prior is the last kernel.</summary>
    internal double Width(int dimension, int kernel) => 1.0 / _inverseSigmas[dimension][kernel];

    /// <summary>A point drawn from one kernel: model-space values or choice indices.</summary>
    public double[] Sample(Random random)
    {
        var k = _weights.Pick(random);
        var point = new double[_dimensions.Count];
        for (var d = 0; d < _dimensions.Count; d++)
        {
            point[d] = _dimensions[d].Choices > 0 ? CategoricalParzenEstimator.Draw(random, _choiceRows[d][k]) : NormalMath.SampleTruncated(random, _mus[d][k], 1.0 / _inverseSigmas[d][k], _dimensions[d].Low, _dimensions[d].High);
        }

        return point;
    }

    public double LogPdf(double[] point)
    {
        var n = _weights.Count;
        var terms = _terms;
        var scratch = _scratch;
        _weights.Log.CopyTo(terms, 0);
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

    // Each observation's kernel as probabilities over the choices; the prior's is uniform.
    private static double[][] CategoricalRows(IReadOnlyList<double[]> observations, int d, int choices, double smoothing)
    {
        var rows = new double[observations.Count + 1][];
        for (var i = 0; i < observations.Count; i++)
        {
            rows[i] = new double[choices];
            for (var c = 0; c < choices; c++)
            {
                rows[i][c] = CategoricalParzenEstimator.KernelShare(c == (int)observations[i][d], choices, smoothing);
            }
        }

        rows[^1] = [.. Enumerable.Repeat(1.0 / choices, choices)];
        return rows;
    }
}

/// <summary>One dimension of a <see cref="JointParzenEstimator"/>: a model-space range, or a number of choices.</summary>
internal readonly record struct JointDimension(double Low, double High, int Choices);
