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

    // torchvision's mobilenet_v3_small/_large(width_mult=...) at 1000 classes, as torchvision 0.14 counts them:
    // stem, blocks and hidden layer scaled to multiples of 8, the last convolution six times the last block's
    // output (the head's inputs), the hidden layer's width the last figure.
    [Theory]
    [InlineData("mobilenet_v3_small", 0.5, 917_264, 288, 512)]
    [InlineData("mobilenet_v3_small", 0.75, 1_653_920, 432, 768)]
    [InlineData("mobilenet_v3_large", 0.5, 1_734_576, 480, 640)]
    [InlineData("mobilenet_v3_large", 0.75, 3_377_576, 720, 960)]
    public void A_narrower_mobilenet_v3_scales_its_blocks_last_convolution_and_hidden_layer(string name, double width, long parameters, long headInputs, long hidden)
    {
        var entry = BuiltinCatalog.Entries[name];

        var backbone = Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 224, 224), 1000, width);

        Assert.Equal(parameters, backbone.Total);
        Assert.Equal(headInputs, backbone.HeadInputs);
        // The classifier: the hidden linear layer, then the one to the classes.
        Assert.Equal((headInputs * hidden) + hidden + (hidden * 1000) + 1000, backbone.ReplaceHead(new FeatureShape(1000), 0, 0).Parameters);
    }

    [Fact]
    public void Padded_stride_two_convolutions_keep_even_a_one_pixel_image_a_map()
    {
        var entry = BuiltinCatalog.Entries["mobilenet_v3_small"];

        Assert.Null(Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 1, 1), 10).Failure);
    }
}
