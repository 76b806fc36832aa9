using HyperDsl.Runtime.Studies;

namespace HyperDsl.Runtime.Tests.Studies;

public sealed class PrunerChoiceTests
{
    [Fact]
    public void Successive_halving_and_hyperband_rungs_grow_by_the_reduction_factor_up_to_the_last_epoch()
    {
        Assert.Equal([1L, 3, 9, 27], new PrunerChoice.Asha(MinEpochs: 1, Reduction: 3).Rungs(30));
        Assert.Equal([3L, 9], new PrunerChoice.Hyperband(MinEpochs: 3, Reduction: 3).Rungs(26));
    }

    [Fact]
    public void The_median_pruner_marks_its_first_judged_epoch_and_none_marks_nothing()
    {
        Assert.Equal([4L], new PrunerChoice.Median(Warmup: 4).Rungs(10));
        Assert.Empty(new PrunerChoice.Median(Warmup: 12).Rungs(10));
        Assert.Empty(new PrunerChoice.None().Rungs(10));
    }
}
