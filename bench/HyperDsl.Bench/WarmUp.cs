using System.Diagnostics;

namespace HyperDsl.Bench;

/// <summary>
/// Runs a parse until both a count and a time have passed. A count alone is not enough: the
/// parser's rule methods start on unoptimised tier-0 code, about ten times slower, and tiered
/// compilation promotes them only after they have run enough and a background compile has
/// caught up. On a 2-core machine that takes some 700 parses (~0.8 s) of the 200-line spec, so
/// fifty parses of warm-up would time the JIT, not the parser.
/// </summary>
public static class WarmUp
{
    /// <summary>Parses before timing starts, at least.</summary>
    public const int DefaultParses = 50;

    /// <summary>Time spent warming up, at least: over twice what tiering was seen to need.</summary>
    public const int DefaultMilliseconds = 2000;

    /// <summary>Runs <paramref name="parse"/> at least <paramref name="parses"/> times and for at least <paramref name="time"/>; returns how many times it ran.</summary>
    public static int Run(Func<object> parse, int parses, TimeSpan time)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var start = Stopwatch.GetTimestamp();
        var count = 0;
        while (count < parses || Stopwatch.GetElapsedTime(start) < time)
        {
            GC.KeepAlive(parse());
            count++;
        }

        return count;
    }

    /// <summary>Runs <paramref name="parse"/> for the default count and time.</summary>
    public static int Run(Func<object> parse) => Run(parse, DefaultParses, TimeSpan.FromMilliseconds(DefaultMilliseconds));
}
