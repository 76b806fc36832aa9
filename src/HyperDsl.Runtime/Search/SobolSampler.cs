namespace HyperDsl.Runtime.Search;

/// <summary>
/// Quasi-random search: trial <c>n</c> takes point <c>n</c> of the Sobol sequence, which covers
/// the space far more evenly than independent draws for the same number of trials. Each
/// parameter owns one dimension, in the order of the space, so a conditional parameter keeps its
/// dimension whether or not the others are active. The seed applies a random digital shift,
/// which keeps the sequence's even coverage while giving each seed its own points. Parameters
/// beyond the 21 dimensions of the table, or not named in the space, are drawn at random.
/// </summary>
public sealed class SobolSampler : ISampler
{
    private readonly long _seed;
    private readonly Dictionary<string, int> _dimensions;

    /// <summary>Creates a Sobol sampler over the parameters named in <paramref name="parameters"/>, in that order.</summary>
    public SobolSampler(long seed, IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _seed = seed;
        _dimensions = parameters.Distinct(StringComparer.Ordinal).Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public ITrialSuggestions StartTrial(IReadOnlyList<TrialRecord> history, int number) =>
        new Point(this, number, new Random(SeedMixer.Mix(_seed, number, stream: 3)));

    private double? Coordinate(string name, long index)
    {
        if (!_dimensions.TryGetValue(name, out var dimension) || dimension >= SobolSequence.MaxDimensions)
        {
            return null;
        }

        var shift = (uint)SeedMixer.Mix(_seed, dimension, stream: 4);
        return (SobolSequence.Bits32(index, dimension) ^ shift) / 4294967296.0;
    }

    private sealed class Point(SobolSampler sampler, int number, Random fallback) : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
        {
            if (sampler.Coordinate(name, number) is not { } u)
            {
                return RandomSampler.Float(fallback, low, high, log, step);
            }

            if (step is { } s)
            {
                return Math.Round(low + (ParameterScale.Bin(u, ParameterScale.StepCount(low, high, s)) * s), 12);
            }

            return ParameterScale.Continuous(u, low, high, log);
        }

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1)
        {
            if (sampler.Coordinate(name, number) is not { } u)
            {
                return RandomSampler.Int(fallback, low, high, log, step);
            }

            return log ? ParameterScale.LogInt(u, low, high) : low + (ParameterScale.Bin(u, ((high - low) / step) + 1) * step);
        }

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
        {
            if (sampler.Coordinate(name, number) is not { } u)
            {
                return choices[fallback.Next(choices.Count)];
            }

            return choices[(int)ParameterScale.Bin(u, choices.Count)];
        }
    }
}
