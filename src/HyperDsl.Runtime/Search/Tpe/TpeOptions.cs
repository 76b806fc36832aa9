namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>The knobs of <see cref="TpeSampler"/>; the defaults are Optuna's.</summary>
/// <param name="StartupTrials">Finished trials drawn at random before the model takes over.</param>
/// <param name="Candidates">Points drawn from the good model per parameter; the best ratio wins.</param>
/// <param name="PriorWeight">Weight of the wide prior kernel in each model.</param>
/// <param name="Multivariate">Model the parameters that appear together (same condition) jointly; needs the space.</param>
public sealed record TpeOptions(int StartupTrials = 10, int Candidates = 24, double PriorWeight = 1.0, bool Multivariate = false)
{
    /// <summary>How many of <paramref name="trials"/> ranked trials count as good: 10%, at most 25.</summary>
    public static int DefaultGamma(int trials) => Math.Min((int)Math.Ceiling(0.1 * trials), 25);

    /// <summary>Kernel weights by age: flat up to 25 observations, then older ones fade linearly.</summary>
    public static double[] DefaultWeights(int observations)
    {
        if (observations < 25)
        {
            return [.. Enumerable.Repeat(1.0, observations)];
        }

        var ramp = observations - 25;
        var weights = new double[observations];
        for (var i = 0; i < observations; i++)
        {
            weights[i] = i >= ramp ? 1.0 : ramp == 1 ? 1.0 / observations : (1.0 / observations) + (i * (1.0 - (1.0 / observations)) / (ramp - 1));
        }

        return weights;
    }
}
