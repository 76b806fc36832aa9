namespace HyperDsl.Runtime.Search.CmaEs;

/// <summary>The knobs of <see cref="CmaEsSampler"/>; each null one takes the usual CMA-ES default.</summary>
/// <param name="Sigma">The initial step size, as a share of each parameter's range; 1/6 when null.</param>
/// <param name="Population">Candidates per generation (λ); 4 + ⌊3 ln n⌋ for n modelled parameters when null.</param>
/// <param name="Restarts">How many times the search may restart with twice the population (IPOP) when it has converged or stalls.</param>
/// <param name="WarmStart">Start from the best tenth of the trials warm-started from a previous version of the study (WS-CMA-ES), when there are some.</param>
public sealed record CmaEsOptions(double? Sigma = null, int? Population = null, int Restarts = 0, bool WarmStart = true)
{
    /// <summary>The default initial step size: a sixth of the normalised range, so ±3σ spans it.</summary>
    public const double DefaultSigma = 1.0 / 6;

    /// <summary>The population for <paramref name="dimensions"/> modelled parameters.</summary>
    public int PopulationFor(int dimensions) => Population ?? (4 + (int)Math.Floor(3 * Math.Log(Math.Max(1, dimensions))));
}
