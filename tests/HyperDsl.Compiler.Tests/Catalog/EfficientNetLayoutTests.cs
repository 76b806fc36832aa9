using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Checking;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>The efficientnet_b0 entry's layout, built on shapes, against torchvision's published figures.</summary>
public class EfficientNetLayoutTests
{
    [Fact]
    public void Efficientnet_b0_has_torchvisions_parameter_count_and_head_inputs()
    {
        var entry = BuiltinCatalog.Entries["efficientnet_b0"];

        var backbone = Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 224, 224), 1000);

        Assert.Equal(5_288_548, backbone.Total);
        Assert.Equal(1280, backbone.HeadInputs);
        Assert.Equal("classifier", backbone.HeadPath);
        Assert.Equal(new FeatureShape(1000), backbone.Output);
        Assert.Null(backbone.Failure);
    }
}
