using HyperDsl.Compiler.Differencing;

namespace HyperDsl.Compiler.Tests.Differencing;

public class StatementAlignerTests
{
    [Fact]
    public void One_insertion_keeps_every_other_statement_aligned()
    {
        var script = StatementAligner.EditScript(["conv", "relu", "pool", "flatten", "linear"], ["conv", "relu", "pool", "dropout", "flatten", "linear"]);

        Assert.Equal<(int?, int?)>([(0, 0), (1, 1), (2, 2), (null, 3), (3, 4), (4, 5)], script);
    }

    [Fact]
    public void A_replaced_statement_is_a_removal_before_an_insertion_at_its_place()
    {
        var script = StatementAligner.EditScript(["conv3", "relu", "linear"], ["conv5", "relu", "linear"]);

        Assert.Equal<(int?, int?)>([(0, null), (null, 0), (1, 1), (2, 2)], script);
    }

    [Fact]
    public void Empty_lists_align_to_pure_insertions_or_removals()
    {
        Assert.Equal<(int?, int?)>([(null, 0), (null, 1)], StatementAligner.EditScript([], ["a", "b"]));
        Assert.Equal<(int?, int?)>([(0, null)], StatementAligner.EditScript(["a"], []));
    }
}
