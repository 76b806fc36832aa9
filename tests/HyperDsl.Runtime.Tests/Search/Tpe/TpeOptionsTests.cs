using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Tests.Search.Tpe;

public class TpeOptionsTests
{
    [Theory]
    [InlineData(false, 10, 1)]
    [InlineData(false, 95, 10)]
    [InlineData(true, 10, 2)]
    [InlineData(true, 95, 15)]
    [InlineData(true, 1000, 25)]
    [InlineData(false, 1000, 25)]
    public void The_good_set_is_ten_percent_univariate_fifteen_multivariate_and_at_most_25(bool multivariate, int trials, int good)
    {
        Assert.Equal(good, new TpeOptions(Multivariate: multivariate).GoodCount(trials));
    }
}
