using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Checking;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>The MobileNet entries' layouts, built on shapes, against torchvision's published figures.</summary>
public class MobileNetLayoutTests
{
    [Theory]
    [InlineData("mobilenet_v2", 3_504_872, 1280)]
    [InlineData("mobilenet_v3_small", 2_542_856, 576)]
    [InlineData("mobilenet_v3_large", 5_483_032, 960)]
    public void Each_mobilenet_layout_has_torchvisions_parameter_count_and_head_inputs(string name, long parameters, long headInputs)
    {
        var entry = BuiltinCatalog.Entries[name];

        var backbone = Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 224, 224), 1000);

        Assert.Equal(parameters, backbone.Total);
        Assert.Equal(headInputs, backbone.HeadInputs);
        Assert.Equal("classifier", backbone.HeadPath);
        Assert.Equal(new FeatureShape(1000), backbone.Output);
        Assert.Null(backbone.Failure);
    }

    [Fact]
    public void A_wider_mobilenet_v2_has_a_wider_last_convolution_and_a_narrower_one_keeps_1280()
    {
        var entry = BuiltinCatalog.Entries["mobilenet_v2"];

        Assert.Equal(1280, Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 32, 32), 10, width: 0.5).HeadInputs);
        Assert.Equal(1792, Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 32, 32), 10, width: 1.4).HeadInputs);
    }

    [Fact]
    public void Padded_stride_two_convolutions_keep_even_a_one_pixel_image_a_map()
    {
        var entry = BuiltinCatalog.Entries["mobilenet_v3_small"];

        Assert.Null(Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 1, 1), 10).Failure);
    }
}
