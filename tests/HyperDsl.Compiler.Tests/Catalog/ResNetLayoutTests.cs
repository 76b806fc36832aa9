using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Checking;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>The backbone entries' layouts, built on shapes, against torchvision's published figures.</summary>
public class ResNetLayoutTests
{
    [Theory]
    [InlineData("resnet18", 11_689_512)]
    [InlineData("resnet34", 21_797_672)]
    [InlineData("resnet50", 25_557_032)]
    [InlineData("resnet101", 44_549_160)]
    [InlineData("resnet152", 60_192_808)]
    public void Each_resnet_layout_has_torchvisions_parameter_count(string name, long parameters)
    {
        var entry = BuiltinCatalog.Entries[name];

        var backbone = Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 224, 224), 1000);

        Assert.Equal(parameters, backbone.Total);
        Assert.Equal(new FeatureShape(1000), backbone.Output);
        Assert.Null(backbone.Failure);
    }

    [Fact]
    public void Basic_blocks_end_in_512_channels_and_bottlenecks_in_2048()
    {
        Assert.Equal(512, Head("resnet34"));
        Assert.Equal(2048, Head("resnet50"));
    }

    [Fact]
    public void Asking_a_layer_entry_for_a_network_layout_fails_loudly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BuiltinCatalog.Entries["conv"].BackboneLayout);

        Assert.Contains("'conv'", error.Message, StringComparison.Ordinal);
    }

    private static long Head(string name)
    {
        var entry = BuiltinCatalog.Entries[name];
        return Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 64, 64), 10).HeadInputs;
    }
}
