namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>The knobs of <see cref="TpeSampler"/>; the defaults are Optuna's.</summary>
/// <param name="StartupTrials">Finished trials drawn at random before the model takes over.</param>
/// <param name="Candidates">Points drawn from the good model per parameter; the best ratio wins.</param>
/// <param name="PriorWeight">Weight of the wide prior kernel in each model.</param>
/// <param name="Multivariate">Model the parameters that appear together (same condition) jointly; needs the space.</param>
public sealed record TpeOptions(int StartupTrials = 10, int Candidates = 24, double PriorWeight = 1.0, bool Multivariate = false)
{
    /// <summary>
    /// How many of <paramref name="trials"/> ranked trials count as good: 10% (Optuna's γ) for the
    /// univariate model, 15% for the multivariate one (Watanabe 2023's recommendation), at most 25.
    /// </summary>
    public int GoodCount(int trials) => Math.Min((int)Math.Ceiling((Multivariate ? 0.15 : 0.10) * trials), 25);
}
