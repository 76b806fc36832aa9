namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// A Gaussian process conditioned on observations: the posterior mean and variance of the
/// (standardised) objective at any point, under a Matérn-5/2 kernel with given hyperparameters.
/// </summary>
internal sealed class GaussianProcess
{
    private readonly double[][] _x;
    private readonly IReadOnlyList<bool> _categorical;
    private readonly KernelParameters _parameters;
    private readonly double[][] _factor;
    private readonly double[] _alpha;

    private GaussianProcess(double[][] x, IReadOnlyList<bool> categorical, KernelParameters parameters, double[][] factor, double[] alpha)
    {
        _x = x;
        _categorical = categorical;
        _parameters = parameters;
        _factor = factor;
        _alpha = alpha;
    }

    /// <summary>Conditions on <paramref name="x"/> and <paramref name="y"/>; where the kernel matrix is numerically singular, more jitter is added until it is not.</summary>
    public static GaussianProcess Condition(double[][] x, double[] y, IReadOnlyList<bool> categorical, KernelParameters parameters)
    {
        var matrix = Matrix(x, categorical, parameters);
        for (var jitter = 0.0; ; jitter = Math.Max(jitter * 10, 1e-8))
        {
            if (jitter > 0)
            {
                for (var i = 0; i < x.Length; i++)
                {
                    matrix[i][i] += jitter;
                }
            }

            if (Cholesky.Decompose(matrix) is { } factor)
            {
                return new(x, categorical, parameters, factor, Cholesky.SolveUpper(factor, Cholesky.SolveLower(factor, y)));
            }

            if (jitter > 1)
            {
                throw new InvalidOperationException("The Gaussian process's kernel matrix stayed singular after adding jitter.");
            }
        }
    }

    /// <summary>The kernel matrix with the noise on its diagonal (its lower triangle, by rows).</summary>
    public static double[][] Matrix(double[][] x, IReadOnlyList<bool> categorical, KernelParameters parameters)
    {
        var n = x.Length;
        var matrix = new double[n][];
        for (var i = 0; i < n; i++)
        {
            // The lower triangle and the diagonal: all the factorisation reads.
            matrix[i] = new double[i + 1];
            matrix[i][i] = parameters.Scale + parameters.Noise;
            for (var j = 0; j < i; j++)
            {
                matrix[i][j] = parameters.Scale * KernelParameters.Matern(parameters.SquaredDistance(x[i], x[j], categorical));
            }
        }

        return matrix;
    }

    /// <summary>The posterior mean and variance (of the latent function, without the noise) at <paramref name="point"/>.</summary>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> point)
    {
        var covariances = new double[_x.Length];
        var mean = 0.0;
        for (var i = 0; i < _x.Length; i++)
        {
            covariances[i] = _parameters.Scale * KernelParameters.Matern(_parameters.SquaredDistance(point, _x[i], _categorical));
            mean += covariances[i] * _alpha[i];
        }

        var v = Cholesky.SolveLower(_factor, covariances);
        var explained = 0.0;
        foreach (var vi in v)
        {
            explained += vi * vi;
        }

        return (mean, Math.Max(_parameters.Scale - explained, 1e-12));
    }
}
