using HyperDsl.Runtime.Pruning;

namespace HyperDsl.Runtime.Studies.Population;

/// <summary>Where a replayed PBT schedule pauses its trial: after the epoch before each later stretch begins (below the last epoch).</summary>
public sealed class StretchBoundaries(IReadOnlyList<MemberStretch> stretches, int epochs) : IPauseSchedule
{
    /// <inheritdoc />
    int? IPauseSchedule.NextPause(int trial, int epochsDone) => NextPause(epochsDone);

    /// <summary>The epoch a member that has trained <paramref name="epochsDone"/> epochs pauses at next, or null when it trains to the end.</summary>
    public int? NextPause(int epochsDone)
    {
        var next = stretches.Select(s => s.FromEpoch - 1).Where(e => e > epochsDone && e < epochs).DefaultIfEmpty(0).Min();
        return next > 0 ? next : null;
    }
}
