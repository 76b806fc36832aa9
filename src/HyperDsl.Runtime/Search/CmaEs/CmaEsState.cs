namespace HyperDsl.Runtime.Search.CmaEs;

/// <summary>
/// One CMA-ES search distribution (Hansen 2016, "The CMA evolution strategy: a tutorial") over the
/// modelled parameters normalised to [0, 1]: the mean, step size, covariance and evolution paths,
/// updated once per generation from its λ ranked candidates. Candidates are the points that were
/// really tried (rounded to their grid, possibly from an older generation or a try point), so each
/// step is clipped to the Mahalanobis length a sampled one could have (Hansen 2011, "Injecting
/// external solutions into CMA-ES").
/// </summary>
internal sealed class CmaEsState
{
    private const double MaxSigma = 4;
    private const double MinSigma = 1e-20;
    private const double ConvergedSpread = 1e-8;
    private const double FlatTolerance = 1e-12;
    private const double MaxCondition = 1e14;

    private readonly int _n;
    private readonly double[] _weights;
    private readonly double _muEff;
    private readonly double _cSigma;
    private readonly double _dSigma;
    private readonly double _cc;
    private readonly double _c1;
    private readonly double _cMu;
    private readonly double _chiN;
    private readonly double[] _pSigma;
    private readonly double[] _pc;
    private readonly List<double> _bests = [];
    private double[,] _c;
    private double[,] _b;
    private double[] _d;

    public CmaEsState(double[] mean, double sigma, double[,] covariance, int lambda, int restart)
    {
        _n = mean.Length;
        Mean = mean;
        Sigma = sigma;
        Lambda = lambda;
        Restart = restart;
        var mu = lambda / 2;
        _weights = new double[mu];
        for (var i = 0; i < mu; i++)
        {
            _weights[i] = Math.Log((lambda + 1) / 2.0) - Math.Log(i + 1);
        }

        var sum = _weights.Sum();
        for (var i = 0; i < mu; i++)
        {
            _weights[i] /= sum;
        }

        _muEff = 1 / _weights.Sum(w => w * w);
        _cSigma = (_muEff + 2) / (_n + _muEff + 5);
        _dSigma = 1 + (2 * Math.Max(0, Math.Sqrt((_muEff - 1) / (_n + 1)) - 1)) + _cSigma;
        _cc = (4 + (_muEff / _n)) / (_n + 4 + (2 * _muEff / _n));
        _c1 = 2 / (Math.Pow(_n + 1.3, 2) + _muEff);
        _cMu = Math.Min(1 - _c1, 2 * (_muEff - 2 + (1 / _muEff)) / (Math.Pow(_n + 2, 2) + _muEff));
        _chiN = Math.Sqrt(_n) * (1 - (1.0 / (4 * _n)) + (1.0 / (21.0 * _n * _n)));
        _pSigma = new double[_n];
        _pc = new double[_n];
        _c = covariance;
        (_b, _d) = Factor(_c);
    }

    /// <summary>The centre of the distribution, in [0, 1] per parameter.</summary>
    public double[] Mean { get; }

    /// <summary>The step size.</summary>
    public double Sigma { get; private set; }

    /// <summary>Candidates per generation.</summary>
    public int Lambda { get; }

    /// <summary>Generations told since this distribution began.</summary>
    public int Generation { get; private set; }

    /// <summary>How many restarts came before this distribution (0 for the first).</summary>
    public int Restart { get; }

    /// <summary>Whether the search has converged or stalls: a restart would help.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The spread of the widest axis, σ·√λmax, in the normalised space.</summary>
    public double Spread => Sigma * _d.Max();

    /// <summary>A candidate in [0, 1]ⁿ: drawn again while outside (up to 100 times), then clipped.</summary>
    public double[] Sample(Random random)
    {
        var x = new double[_n];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var z = new double[_n];
            for (var i = 0; i < _n; i++)
            {
                z[i] = _d[i] * StandardNormal(random);
            }

            var inside = true;
            for (var i = 0; i < _n; i++)
            {
                var y = 0.0;
                for (var j = 0; j < _n; j++)
                {
                    y += _b[i, j] * z[j];
                }

                x[i] = Mean[i] + (Sigma * y);
                inside &= x[i] is >= 0 and <= 1;
            }

            if (inside)
            {
                return x;
            }
        }

        for (var i = 0; i < _n; i++)
        {
            x[i] = Math.Clamp(x[i], 0, 1);
        }

        return x;
    }

    /// <summary>
    /// Updates the distribution from one generation: <paramref name="ranked"/> best first, each with
    /// its objective value when it completed (for the stall test).
    /// </summary>
    public void Tell(IReadOnlyList<(double[] X, double? Value)> ranked)
    {
        var bound = Math.Sqrt(_n) + (2.0 * _n / (_n + 2));
        var steps = new double[_weights.Length][];
        var yw = new double[_n];
        for (var k = 0; k < _weights.Length; k++)
        {
            var y = new double[_n];
            for (var i = 0; i < _n; i++)
            {
                y[i] = (ranked[k].X[i] - Mean[i]) / Sigma;
            }

            var length = Mahalanobis(y);
            if (length > bound)
            {
                for (var i = 0; i < _n; i++)
                {
                    y[i] *= bound / length;
                }
            }

            steps[k] = y;
            for (var i = 0; i < _n; i++)
            {
                yw[i] += _weights[k] * y[i];
            }
        }

        for (var i = 0; i < _n; i++)
        {
            Mean[i] = Math.Clamp(Mean[i] + (Sigma * yw[i]), 0, 1);
        }

        // p_σ ← (1 - c_σ) p_σ + √(c_σ(2 - c_σ)μ_eff) C^(-1/2) y_w
        var whitened = InverseSquareRoot(yw);
        var normSigma = 0.0;
        for (var i = 0; i < _n; i++)
        {
            _pSigma[i] = ((1 - _cSigma) * _pSigma[i]) + (Math.Sqrt(_cSigma * (2 - _cSigma) * _muEff) * whitened[i]);
            normSigma += _pSigma[i] * _pSigma[i];
        }

        normSigma = Math.Sqrt(normSigma);
        Generation++;
        var hSigma = normSigma / Math.Sqrt(1 - Math.Pow(1 - _cSigma, 2 * Generation)) < (1.4 + (2.0 / (_n + 1))) * _chiN ? 1.0 : 0.0;
        for (var i = 0; i < _n; i++)
        {
            _pc[i] = ((1 - _cc) * _pc[i]) + (hSigma * Math.Sqrt(_cc * (2 - _cc) * _muEff) * yw[i]);
        }

        var keep = 1 + (_c1 * (1 - hSigma) * _cc * (2 - _cc)) - _c1 - _cMu;
        var next = new double[_n, _n];
        for (var i = 0; i < _n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var rankMu = 0.0;
                for (var k = 0; k < steps.Length; k++)
                {
                    rankMu += _weights[k] * steps[k][i] * steps[k][j];
                }

                next[i, j] = next[j, i] = (keep * _c[i, j]) + (_c1 * _pc[i] * _pc[j]) + (_cMu * rankMu);
            }
        }

        _c = next;
        (_b, _d) = Factor(_c);
        Sigma = Math.Clamp(Sigma * Math.Exp(_cSigma / _dSigma * ((normSigma / _chiN) - 1)), MinSigma, MaxSigma);
        Judge(ranked);
    }

    // After a generation: converged (tiny spread), degenerate (ill-conditioned), or flat (the
    // generation's values, or the bests of the last 10 + ⌈30n/λ⌉ generations, all equal).
    private void Judge(IReadOnlyList<(double[] X, double? Value)> ranked)
    {
        var values = ranked.Select(r => r.Value).ToList();
        var flatGeneration = values.All(v => v is not null) && Flat(values.Select(v => v!.Value).ToList());
        if (values[0] is { } best)
        {
            _bests.Add(best);
        }

        var window = 10 + (int)Math.Ceiling(30.0 * _n / Lambda);
        var stalled = _bests.Count >= window && Flat(_bests.GetRange(_bests.Count - window, window));
        var condition = _d.Max() * _d.Max() / Math.Max(_d.Min() * _d.Min(), double.Epsilon);
        Stopped = Spread < ConvergedSpread || condition > MaxCondition || flatGeneration || stalled;
        if (flatGeneration)
        {
            // Hansen's escape from a flat fitness: without it σ shrinks onto a plateau for good.
            Sigma = Math.Min(MaxSigma, Sigma * Math.Exp(0.2 + (_cSigma / _dSigma)));
        }
    }

    private static bool Flat(List<double> values) =>
        values.Max() - values.Min() <= FlatTolerance * Math.Max(1, Math.Abs(values.Max()));

    private double Mahalanobis(double[] y) => Math.Sqrt(InverseSquareRoot(y).Sum(v => v * v));

    // C^(-1/2) y = B D⁻¹ Bᵀ y.
    private double[] InverseSquareRoot(double[] y)
    {
        var projected = new double[_n];
        for (var j = 0; j < _n; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < _n; i++)
            {
                sum += _b[i, j] * y[i];
            }

            projected[j] = sum / _d[j];
        }

        var result = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            for (var j = 0; j < _n; j++)
            {
                result[i] += _b[i, j] * projected[j];
            }
        }

        return result;
    }

    // C = B D² Bᵀ: D holds the square roots of the eigenvalues, kept above zero against rounding.
    private static (double[,] B, double[] D) Factor(double[,] c)
    {
        var (values, vectors) = SymmetricEigen.Decompose(c);
        return (vectors, [.. values.Select(v => Math.Sqrt(Math.Max(v, 1e-30)))]);
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
