namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// Fits the kernel's hyperparameters to the observations by maximising the log marginal
/// likelihood plus Optuna's weak priors (which keep length scales, variance and noise in a sane
/// range with few trials), with L-BFGS over their logarithms. The fit starts from the same point
/// every time, so it depends only on the observations.
/// </summary>
internal static class KernelFit
{
    private const int MaxIterations = 100;

    // Optuna's gtol: the fit need not be exact, the acquisition barely moves below it.
    private const double GradientTolerance = 1e-2;

    /// <summary>The fitted hyperparameters for observations <paramref name="x"/> (each in [0, 1]ᵈ) and standardised <paramref name="y"/>.</summary>
    public static KernelParameters Fit(double[][] x, double[] y, IReadOnlyList<bool> categorical, bool deterministic)
    {
        var d = categorical.Count;
        var initial = KernelParameters.Initial(d, deterministic);
        var differences = Differences(x, categorical);
        double[] start = [.. initial.InverseSquaredLengthScales.Select(v => Math.Log(v)), Math.Log(initial.Scale), .. deterministic ? Array.Empty<double>() : [Math.Log(initial.Noise - KernelParameters.MinimumNoise)]];
        var best = Lbfgs.Minimize(theta => NegativeLogPosterior(theta, x, y, differences, deterministic), start, MaxIterations, GradientTolerance);
        return Parameters(best, d, deterministic);
    }

    private static KernelParameters Parameters(double[] theta, int d, bool deterministic) =>
        new([.. theta.Take(d).Select(t => Math.Exp(t))], Math.Exp(theta[d]), deterministic ? KernelParameters.MinimumNoise : KernelParameters.MinimumNoise + Math.Exp(theta[d + 1]));

    // Per pair (i > j) and dimension, the unweighted squared difference: reused by every evaluation.
    internal static double[][][] Differences(double[][] x, IReadOnlyList<bool> categorical)
    {
        var n = x.Length;
        var differences = new double[n][][];
        for (var i = 0; i < n; i++)
        {
            differences[i] = new double[i][];
            for (var j = 0; j < i; j++)
            {
                differences[i][j] = [.. categorical.Select((c, k) => KernelParameters.Difference(x[i][k], x[j][k], c))];
            }
        }

        return differences;
    }

    // −(log p(y | θ) + log prior(θ)) and its gradient in θ. With W = ααᵀ − K⁻¹, the likelihood's
    // derivative along θ is ½ Σ W ∘ ∂K/∂θ.
    internal static (double Value, double[] Gradient) NegativeLogPosterior(double[] theta, double[][] x, double[] y, double[][][] differences, bool deterministic)
    {
        var n = x.Length;
        var d = theta.Length - (deterministic ? 1 : 2);
        if (theta.Any(t => !double.IsFinite(t) || Math.Abs(t) > 30))
        {
            return (double.PositiveInfinity, new double[theta.Length]);
        }

        var parameters = Parameters(theta, d, deterministic);
        var ils = parameters.InverseSquaredLengthScales;
        var matrix = new double[n][];
        var squared = new double[n][];
        for (var i = 0; i < n; i++)
        {
            squared[i] = new double[i];
            matrix[i] = new double[i + 1];
            matrix[i][i] = parameters.Scale + parameters.Noise;
            for (var j = 0; j < i; j++)
            {
                var r2 = 0.0;
                for (var k = 0; k < d; k++)
                {
                    r2 += ils[k] * differences[i][j][k];
                }

                squared[i][j] = r2;
                matrix[i][j] = parameters.Scale * KernelParameters.Matern(r2);
            }
        }

        if (Cholesky.Decompose(matrix) is not { } factor)
        {
            return (double.PositiveInfinity, new double[theta.Length]);
        }

        var alpha = Cholesky.SolveUpper(factor, Cholesky.SolveLower(factor, y));
        var logLikelihood = -0.5 * y.Select((yi, i) => yi * alpha[i]).Sum() - (0.5 * n * Math.Log(2 * Math.PI));
        for (var i = 0; i < n; i++)
        {
            logLikelihood -= Math.Log(factor[i][i]);
        }

        var inverse = Cholesky.Inverse(factor);
        var gradient = new double[theta.Length];
        for (var i = 0; i < n; i++)
        {
            // Off-diagonal pairs count twice (W and ∂K are symmetric); the diagonal once.
            for (var j = 0; j < i; j++)
            {
                var w = (alpha[i] * alpha[j]) - inverse[i][j];
                var slope = parameters.Scale * KernelParameters.MaternSlope(squared[i][j]);
                for (var k = 0; k < d; k++)
                {
                    gradient[k] += w * slope * ils[k] * differences[i][j][k];
                }

                gradient[d] += w * matrix[i][j];
            }

            var wDiagonal = (alpha[i] * alpha[i]) - inverse[i][i];
            gradient[d] += 0.5 * wDiagonal * parameters.Scale;
            if (!deterministic)
            {
                gradient[d + 1] += 0.5 * wDiagonal * (parameters.Noise - KernelParameters.MinimumNoise);
            }
        }

        // Priors (Optuna's): −(0.1/ℓ⁻² + 0.1 ℓ⁻²) per dimension, Gamma(2, 1) on the scale, Gamma(1.1, 30) on the noise.
        var logPrior = 0.0;
        for (var k = 0; k < d; k++)
        {
            logPrior -= (0.1 / ils[k]) + (0.1 * ils[k]);
            gradient[k] += (0.1 / ils[k]) - (0.1 * ils[k]);
        }

        logPrior += Math.Log(parameters.Scale) - parameters.Scale;
        gradient[d] += 1 - parameters.Scale;
        if (!deterministic)
        {
            logPrior += (0.1 * Math.Log(parameters.Noise)) - (30 * parameters.Noise);
            gradient[d + 1] += ((0.1 / parameters.Noise) - 30) * (parameters.Noise - KernelParameters.MinimumNoise);
        }

        return (-(logLikelihood + logPrior), [.. gradient.Select(g => -g)]);
    }
}
