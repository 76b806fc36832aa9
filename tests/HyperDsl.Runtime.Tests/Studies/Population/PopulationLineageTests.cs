using HyperDsl.Runtime.Studies.Population;

namespace HyperDsl.Runtime.Tests.Studies.Population;

public sealed class PopulationLineageTests
{
    private static MemberStretch At(int from, double lr, int? copiedFrom = null) => new(from, new Dictionary<string, object> { ["lr"] = lr }, copiedFrom);

    [Fact]
    public void A_member_s_lineage_follows_each_copy_back_to_the_donor_s_schedule_up_to_the_epoch_it_was_taken_at()
    {
        // Member 2 took member 1's state after epoch 4; member 1 had taken member 0's after epoch 2. Member 0 itself
        // took member 3's state after epoch 4, which is later than member 1's copy of it and so not in the lineage.
        var schedules = new Dictionary<int, IReadOnlyList<MemberStretch>>
        {
            [0] = [At(1, 0.1), At(5, 0.5, copiedFrom: 3)],
            [1] = [At(1, 0.2), At(3, 0.12, copiedFrom: 0)],
            [2] = [At(1, 0.3), At(3, 0.33, copiedFrom: 3), At(5, 0.144, copiedFrom: 1)],
            [3] = [At(1, 0.4)],
        };

        var lineage = PopulationLineage.Of(2, schedules);

        Assert.Equal([(1, 0.1), (3, 0.12), (5, 0.144)], lineage.Select(s => (s.FromEpoch, (double)s.Parameters["lr"])));
        Assert.Equal(new int?[] { null, 0, 1 }, lineage.Select(s => s.CopiedFrom));
    }

    [Fact]
    public void A_member_that_never_copied_is_its_own_lineage()
    {
        var schedules = new Dictionary<int, IReadOnlyList<MemberStretch>> { [3] = [At(1, 0.4)] };

        Assert.Equal([1], PopulationLineage.Of(3, schedules).Select(s => s.FromEpoch));
    }
}
