namespace HyperDsl.Runtime.Search;

/// <summary>
/// Derives a trial's random seed from the study seed and the trial's number. It must give the
/// same answer in every process (unlike <see cref="HashCode"/>, which is salted per process),
/// or a resumed study would not continue the sequence it started.
/// </summary>
internal static class SeedMixer
{
    /// <summary>SplitMix64's finaliser over the seed and the number, folded to an <see cref="int"/> seed.</summary>
    public static int Mix(long seed, long number, long stream)
    {
        var z = unchecked((ulong)seed + (0x9E3779B97F4A7C15UL * (ulong)(number + 1)) + (0xBF58476D1CE4E5B9UL * (ulong)stream));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }
}
