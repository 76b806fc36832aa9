using HyperDsl.Cli.Report;

namespace HyperDsl.Cli.Tests.Report;

public sealed class RankViewTests
{
    [Theory]
    [InlineData(true, new[] { 0.5, 0.9, 0.7, 0.9 }, new[] { 4, 1, 3, 1 })]
    [InlineData(false, new[] { 0.5, 0.9, 0.7, 0.9 }, new[] { 1, 3, 2, 3 })]
    public void Ranks_start_at_1_for_the_best_and_ties_share_the_better_rank(bool maximize, double[] values, int[] ranks) =>
        Assert.Equal(ranks, RankView.Ranks(values, maximize));
}
