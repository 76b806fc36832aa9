using HyperDsl.Runtime.Models;

namespace HyperDsl.Runtime.Tests.Models;

public sealed class ModelParametersTests
{
    [Fact]
    public void Freeze_all_except_leaves_only_the_named_layers_trainable()
    {
        using var model = new ModelBuilder(1, 8, 8).Conv(4, 3).BatchNorm().Flatten().Linear(10, name: "head").Build();

        var frozen = ModelParameters.FreezeAllExcept(model, "head");

        Assert.Equal(4, frozen);
        Assert.Equal(["head.weight", "head.bias"], model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name));
        Assert.Equal((10 * 4 * 6 * 6) + 10, ModelParameters.CountTrainable(model));
    }

    [Fact]
    public void A_path_that_names_no_parameter_lists_the_layers_that_have_some()
    {
        using var model = new ModelBuilder(4).Linear(3).Relu().Linear(2).Build();

        var error = Assert.Throws<ArgumentException>(() => ModelParameters.Freeze(model, "fc"));

        Assert.Contains("No parameter lies under 'fc'. The model's layers with parameters are: linear1, linear2.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("block1.body.conv1.weight", "block1", true)]
    [InlineData("block1.body.conv1.weight", "block1.body", true)]
    [InlineData("block10.weight", "block1", false)]
    [InlineData("head.bias", "head.bias", true)]
    public void A_path_covers_itself_and_what_lies_under_it(string parameter, string path, bool expected) =>
        Assert.Equal(expected, ModelParameters.IsUnder(parameter, path));
}
