using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.Population;

/// <summary>One member's standing at an interval's end: its trial and its objective's value at that epoch (NaN when not measured).</summary>
public sealed record MemberStanding(int Trial, double Value);

/// <summary>A member of the worst fraction and the member of the best fraction whose training state it takes over.</summary>
public sealed record Exploit(int Trial, int Donor);

/// <summary>
/// Population-based training's timetable (Jaderberg et al. 2017, truncation selection): the members train in intervals of
/// <paramref name="Interval"/> epochs and pause at each interval's end below the last epoch; there the worst
/// <paramref name="Fraction"/> of the population (at least one member of a population of two or more) each take over the whole
/// training state of a member drawn from the best <paramref name="Fraction"/>, whose hyperparameters they then perturb.
/// </summary>
public sealed record PopulationSchedule(int Interval, double Fraction, int Epochs, StudyDirection Direction) : IPauseSchedule
{
    /// <inheritdoc />
    int? IPauseSchedule.NextPause(int trial, int epochsDone) => NextPause(epochsDone);

    /// <summary>The epoch a member that has trained <paramref name="epochsDone"/> epochs pauses at next, or null when it trains to the end.</summary>
    public int? NextPause(int epochsDone)
    {
        var next = ((epochsDone / Interval) + 1) * (long)Interval;
        return next < Epochs ? (int)next : null;
    }

    /// <summary>How many members are replaced at each interval's end in a population of <paramref name="size"/>.</summary>
    public int Replaced(int size) => size < 2 ? 0 : Math.Clamp((int)Math.Floor(Fraction * size), 1, size / 2);

    /// <summary>
    /// Who copies whom at an interval's end: members are ranked best first (NaN last, ties by the earlier trial); each of the
    /// bottom <see cref="Replaced"/> takes a donor drawn by <paramref name="random"/> from the top as many.
    /// </summary>
    public IReadOnlyList<Exploit> Exploits(IReadOnlyList<MemberStanding> members, Random random)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(random);
        var ranked = members
            .OrderBy(m => double.IsNaN(m.Value) ? 1 : 0)
            .ThenBy(m => Direction == StudyDirection.Minimize ? m.Value : -m.Value)
            .ThenBy(m => m.Trial)
            .ToList();
        var count = Replaced(ranked.Count);
        var top = ranked.Take(count).ToList();
        return [.. ranked.Skip(ranked.Count - count).Select(m => new Exploit(m.Trial, top[random.Next(top.Count)].Trial))];
    }
}
