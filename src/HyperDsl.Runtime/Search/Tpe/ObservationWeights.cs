namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>How much each observation counts in a Parzen estimator (the prior's weight is separate).</summary>
internal static class ObservationWeights
{
    /// <summary>Every observation alike.</summary>
    public static double[] Uniform(int observations) => [.. Enumerable.Repeat(1.0, observations)];

    /// <summary>Optuna's weights by age: flat up to 25 observations, then older ones fade linearly.</summary>
    public static double[] Decay(int observations)
    {
        if (observations < 25)
        {
            return Uniform(observations);
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
