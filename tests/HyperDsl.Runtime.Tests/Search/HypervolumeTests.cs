using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Tests.Search;

public sealed class HypervolumeTests
{
    [Fact]
    public void The_hypervolume_adds_the_staircase_of_the_non_dominated_points()
    {
        // Points (1, 3), (2, 2), (3, 1) under reference (4, 4): 3 + 2 + 1 unit boxes; (3, 3) is dominated.
        Assert.Equal(6.0, Hypervolume.Of([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0], [3.0, 3.0]], [4, 4]), 12);
        Assert.Equal(0.0, Hypervolume.Of([[5.0, 1.0]], [4, 4]));
    }
}
