using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage.Relational;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

public sealed class OptunaDistributionsTests
{
    [Fact]
    public void Distributions_are_written_as_optuna_writes_them()
    {
        Assert.Equal(
            "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 0.001, \"high\": 1.0, \"log\": true}}",
            OptunaDistributions.ToJson(new FloatSpace("lr", 0.001, 1, true, null, "x > 1")));
        Assert.Equal(
            "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": 0.25, \"low\": 0.0, \"high\": 1.0, \"log\": false}}",
            OptunaDistributions.ToJson(new FloatSpace("q", 0, 1, false, 0.25, null)));
        Assert.Equal(
            "{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, \"step\": 1, \"low\": 1, \"high\": 5}}",
            OptunaDistributions.ToJson(new IntSpace("n", 1, 5, false, 1, null)));
        Assert.Equal(
            "{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [\"x\", \"y\", 3]}}",
            OptunaDistributions.ToJson(new CategoricalSpace("c", ["x", "y", 3], null)));
        Assert.Equal(
            "{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [true, 1.5, 16]}}",
            OptunaDistributions.ToJson(new CategoricalSpace("c", [true, 1.5, 16L], null)));
    }

    [Theory]
    [InlineData(1.0, 0.5, false, null)]
    [InlineData(0.0, 1.0, true, null)]
    [InlineData(0.1, 1.0, true, 0.1)]
    [InlineData(0.0, 1.0, false, 0.0)]
    [InlineData(0.0, double.PositiveInfinity, false, null)]
    public void Float_ranges_optuna_would_refuse_are_refused(double low, double high, bool log, double? step) =>
        Assert.Throws<ArgumentException>(() => OptunaDistributions.ToJson(new FloatSpace("x", low, high, log, step, null)));

    [Theory]
    [InlineData(5, 1, false, 1)]
    [InlineData(0, 8, true, 1)]
    [InlineData(1, 8, true, 2)]
    [InlineData(1, 8, false, 0)]
    public void Int_ranges_optuna_would_refuse_are_refused(long low, long high, bool log, long step) =>
        Assert.Throws<ArgumentException>(() => OptunaDistributions.ToJson(new IntSpace("x", low, high, log, step, null)));

    [Fact]
    public void Categorical_spaces_need_choices_of_json_kinds()
    {
        Assert.Throws<ArgumentException>(() => OptunaDistributions.ToJson(new CategoricalSpace("c", [], null)));
        Assert.Throws<ArgumentException>(() => OptunaDistributions.ToJson(new CategoricalSpace("c", [new object()], null)));
    }

    [Fact]
    public void Optuna_2_and_abbreviated_distributions_are_read()
    {
        Assert.Equal(
            new FloatSpace("a", 0.001, 0.1, true, null, null),
            OptunaDistributions.FromJson("a", "{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 0.001, \"high\": 0.1}}"));
        Assert.Equal(
            new FloatSpace("b", 0, 1, false, 0.1, null),
            OptunaDistributions.FromJson("b", "{\"name\": \"DiscreteUniformDistribution\", \"attributes\": {\"low\": 0.0, \"high\": 1.0, \"q\": 0.1}}"));
        Assert.Equal(
            new IntSpace("c", 1, 9, false, 2, null),
            OptunaDistributions.FromJson("c", "{\"name\": \"IntUniformDistribution\", \"attributes\": {\"low\": 1, \"high\": 9, \"step\": 2}}"));
        Assert.Equal(
            new IntSpace("d", 1, 64, true, 1, null),
            OptunaDistributions.FromJson("d", "{\"type\": \"int\", \"low\": 1, \"high\": 64, \"log\": true}"));
        Assert.Equal(
            ["a", 2L],
            Assert.IsType<CategoricalSpace>(OptunaDistributions.FromJson("e", "{\"type\": \"categorical\", \"choices\": [\"a\", 2]}")).Choices);
    }

    [Fact]
    public void Values_are_stored_as_optuna_stores_them()
    {
        Assert.Equal(0.5, OptunaDistributions.ToInternal(new FloatSpace("f", 0, 1, false, null, null), 0.5));
        Assert.Equal(3.0, OptunaDistributions.ToInternal(new IntSpace("i", 1, 5, false, 1, null), 3));
        Assert.Equal(2.0, OptunaDistributions.ToInternal(new CategoricalSpace("c", ["x", "y", 3L], null), 3));
        Assert.Equal(3L, OptunaDistributions.ToExternal(new CategoricalSpace("c", ["x", "y", 3L], null), 2.0));
        Assert.Equal(4L, OptunaDistributions.ToExternal(new IntSpace("i", 1, 5, false, 1, null), 4.0));
    }
}
