namespace HyperDsl.Runtime.Search;

/// <summary>
/// Independent draws: uniform (or log-uniform) over each range, on its step when it has one,
/// uniform over choices. Each trial's draws depend only on the seed and the trial's number,
/// so a resumed study continues exactly where it stopped.
/// </summary>
public sealed class RandomSampler : ISampler
{
    private readonly long _seed;

    /// <summary>Creates a sampler with a seed.</summary>
    public RandomSampler(long seed)
    {
        _seed = seed;
    }

    /// <inheritdoc />
    public ITrialSuggestions StartTrial(IReadOnlyList<TrialRecord> history, int number) =>
        new Draws(new Random(SeedMixer.Mix(_seed, number, stream: 0)));

    internal static double Float(Random random, double low, double high, bool log, double? step)
    {
        if (step is { } s)
        {
            var count = (long)Math.Floor(((high - low) / s) + 1e-9);
            return Math.Round(low + (random.NextInt64(count + 1) * s), 12);
        }

        return log ? Math.Exp(Math.Log(low) + (random.NextDouble() * (Math.Log(high) - Math.Log(low)))) : low + (random.NextDouble() * (high - low));
    }

    internal static long Int(Random random, long low, long high, bool log, long step)
    {
        if (log)
        {
            // Uniform in log space over [low - 0.5, high + 0.5], rounded: each int gets its share of the log scale.
            var value = Math.Exp(Math.Log(low - 0.5) + (random.NextDouble() * (Math.Log(high + 0.5) - Math.Log(low - 0.5))));
            return Math.Clamp((long)Math.Round(value), low, high);
        }

        return low + (random.NextInt64(((high - low) / step) + 1) * step);
    }

    internal sealed class Draws(Random random) : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) => Float(random, low, high, log, step);

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) => Int(random, low, high, log, step);

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];
    }
}
