using HyperDsl.Runtime.Analysis;

namespace HyperDsl.Runtime.Tests.Analysis;

public sealed class TreePartitionTests
{
    [Fact]
    public void A_tree_split_on_one_column_has_all_its_variance_in_that_columns_marginal()
    {
        // y = 0 left of x = 0.5, 1 right of it; the second column never matters.
        double[][] rows = [[0.1, 0.2], [0.3, 0.9], [0.7, 0.1], [0.9, 0.8]];
        var tree = RegressionTree.Fit(rows, [0, 0, 1, 1], [1, 1, 1, 1], maxDepth: 8, new Random(0));
        var partition = new TreePartition(tree, [(0, 1), (0, 1)]);

        Assert.Equal(0.25, partition.Variance, 12);
        Assert.Equal(0.25, partition.MarginalVariance([0]), 12);
        Assert.Equal(0.0, partition.MarginalVariance([1]), 12);
    }

    [Fact]
    public void Cells_are_weighed_by_their_size_in_the_space()
    {
        // The split falls at x = 0.25 (halfway between 0.2 and 0.3): a quarter of the space predicts 0, the rest 1.
        double[][] rows = [[0.1], [0.2], [0.3], [0.9]];
        var tree = RegressionTree.Fit(rows, [0, 0, 1, 1], [1, 1, 1, 1], maxDepth: 8, new Random(0));
        var partition = new TreePartition(tree, [(0, 1)]);

        Assert.Equal(0.25 * 0.75, partition.Variance, 12);
        Assert.Equal(0.25 * 0.75, partition.MarginalVariance([0]), 12);
    }
}
