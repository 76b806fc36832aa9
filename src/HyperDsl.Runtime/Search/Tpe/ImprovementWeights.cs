namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// Weights for the good model by how far each good trial beats the best of the bad set
/// (Watanabe 2023's "EI" weighting), scaled to a mean of one so the prior keeps its share.
/// The better a trial, the more the next candidates are drawn around it.
/// </summary>
/// <param name="Threshold">The best value in the bad set.</param>
/// <param name="Sign">1 when smaller is better, -1 when larger is.</param>
internal sealed record ImprovementWeights(double Threshold, double Sign)
{
    // A good trial that only ties the threshold still counts, a little.
    private const double Least = 1e-12;

    /// <summary>The weights of <paramref name="good"/>; uniform where a trial has no value (pruned).</summary>
    public double[] For(IReadOnlyList<TrialRecord> good)
    {
        if (good.Count == 0 || good.Any(t => t.Value is null))
        {
            return ObservationWeights.Uniform(good.Count);
        }

        var weights = good.Select(t => Math.Max(Least, Sign * (Threshold - t.Value!.Value))).ToArray();
        var mean = weights.Average();
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= mean;
        }

        return weights;
    }
}
