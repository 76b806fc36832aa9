using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Population;

namespace HyperDsl.Runtime.Tests.Studies.Population;

public sealed class PopulationScheduleTests
{
    [Fact]
    public void Members_pause_at_every_interval_end_below_the_last_epoch()
    {
        var schedule = new PopulationSchedule(Interval: 2, Fraction: 0.25, Epochs: 6, StudyDirection.Maximize);

        Assert.Equal(2, schedule.NextPause(0));
        Assert.Equal(4, schedule.NextPause(2));
        Assert.Equal(4, schedule.NextPause(3));
        Assert.Null(schedule.NextPause(4));
    }

    [Fact]
    public void The_worst_fraction_takes_over_members_of_the_best_fraction_and_an_unmeasured_member_counts_as_worst()
    {
        var schedule = new PopulationSchedule(Interval: 1, Fraction: 0.25, Epochs: 4, StudyDirection.Maximize);
        var members = new[] { new MemberStanding(0, 0.5), new MemberStanding(1, double.NaN), new MemberStanding(2, 0.9), new MemberStanding(3, 0.7), new MemberStanding(4, 0.1), new MemberStanding(5, 0.8), new MemberStanding(6, 0.6), new MemberStanding(7, 0.3) };

        var exploits = Enumerable.Range(0, 20).SelectMany(seed => schedule.Exploits(members, new Random(seed))).ToList();

        Assert.Equal([1, 4], exploits.Select(e => e.Trial).Distinct().Order());
        Assert.Equal([2, 5], exploits.Select(e => e.Donor).Distinct().Order());
    }

    [Fact]
    public void Minimizing_the_lowest_values_are_the_best_and_a_population_of_one_copies_nobody()
    {
        var schedule = new PopulationSchedule(Interval: 1, Fraction: 0.5, Epochs: 4, StudyDirection.Minimize);

        Assert.Equal([new Exploit(1, 0)], schedule.Exploits([new MemberStanding(0, 0.1), new MemberStanding(1, 0.9)], new Random(1)));
        Assert.Empty(schedule.Exploits([new MemberStanding(0, 0.1)], new Random(1)));
    }
}
