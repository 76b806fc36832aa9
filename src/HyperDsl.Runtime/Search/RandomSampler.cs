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
            return Math.Round(low + (random.NextInt64(ParameterScale.StepCount(low, high, s)) * s), 12);
        }

        return ParameterScale.Continuous(random.NextDouble(), low, high, log);
    }

    internal static long Int(Random random, long low, long high, bool log, long step)
    {
        if (log)
        {
            return ParameterScale.LogInt(random.NextDouble(), low, high);
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
