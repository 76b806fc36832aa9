using HyperDsl.Runtime.Models;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Models;

public sealed class ModelBuilderTests
{
    private static long[] OutputShape(nn.Module<Tensor, Tensor> model, params long[] input)
    {
        model.eval();
        using var noGrad = no_grad();
        using var x = randn(input);
        using var y = model.call(x);
        return y.shape;
    }

    [Fact]
    public void The_tracked_shape_matches_what_the_network_outputs()
    {
        var builder = new ModelBuilder(1, 28, 28)
            .Conv(8, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
            .Conv(16, kernel: 5, stride: 2).Gelu().AvgPool(2)
            .Flatten().Dropout(0.5).Linear(32).LeakyRelu().Linear(10);

        Assert.Equal([10L], builder.OutputShape);
        using var model = builder.Build();
        Assert.Equal([4L, 10], OutputShape(model, 4, 1, 28, 28));
    }

    [Theory]
    [InlineData(16, 1, 16, 32, 32, false)]
    [InlineData(32, 1, 32, 32, 32, true)]
    [InlineData(16, 2, 16, 16, 16, true)]
    [InlineData(32, 2, 32, 16, 16, true)]
    public void A_residual_block_projects_the_shortcut_exactly_when_channels_or_stride_change(int channels, int stride, long outChannels, long outHeight, long outWidth, bool projected)
    {
        var builder = new ModelBuilder(16, 32, 32)
            .Residual(b => b.Conv(channels, 3, stride: stride, padding: ConvPadding.Same).BatchNorm().Relu().Conv(channels, 3, padding: ConvPadding.Same).BatchNorm())
            .Relu();

        Assert.Equal([outChannels, outHeight, outWidth], builder.OutputShape);
        using var model = builder.Build();
        Assert.Equal([2L, outChannels, outHeight, outWidth], OutputShape(model, 2, 16, 32, 32));
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.Equal(projected, names.Contains("block1.projection.conv.weight"));
        Assert.Contains("block1.body.conv1.weight", names);
    }

    [Fact]
    public void A_residual_block_halving_an_odd_size_projects_the_shortcut_with_stride_two()
    {
        // Found by the differential test: 15 -> 8 checked clean (a strided 1x1 convolution gives 8) but did not build.
        var builder = new ModelBuilder(4, 15, 15).Residual(b => b.Conv(8, 3, stride: 2, padding: ConvPadding.Of(1)));

        Assert.Equal([8L, 8, 8], builder.OutputShape);
        using var model = builder.Build();
        Assert.Equal([2L, 8, 8, 8], OutputShape(model, 2, 4, 15, 15));
        Assert.Equal(((4 * 8 * 9) + 8) + (4 * 8) + (2 * 8), ModelParameters.CountTrainable(model));
    }

    [Theory]
    [InlineData(16, false)]
    [InlineData(8, true)]
    public void A_residual_block_over_features_projects_the_shortcut_with_a_linear_layer_when_the_size_changes(int features, bool projected)
    {
        // Found by the differential test: the checker counts a linear shortcut over features; the runtime refused features.
        var builder = new ModelBuilder(1, 4, 4).Flatten().Residual(b => b.Linear(features).Relu());

        Assert.Equal([(long)features], builder.OutputShape);
        using var model = builder.Build();
        Assert.Equal([3L, features], OutputShape(model, 3, 1, 4, 4));
        Assert.Equal((16 * features) + features + (projected ? (16 * features) + features : 0), ModelParameters.CountTrainable(model));
    }

    [Fact]
    public void Global_average_pooling_gives_one_feature_per_channel()
    {
        using var model = new ModelBuilder(3, 9, 7).Conv(12, 3).GlobalAvgPool().Linear(5).Build();

        Assert.Equal([3L, 5], OutputShape(model, 3, 3, 9, 7));
    }

    [Fact]
    public void Linear_on_image_shaped_input_says_to_flatten_first()
    {
        var builder = new ModelBuilder(1, 28, 28).Conv(4, 3);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Linear(10));

        Assert.Contains("add flatten or global_avgpool before it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_larger_than_the_image_is_rejected_when_the_layer_is_added()
    {
        var builder = new ModelBuilder(1, 4, 4).MaxPool(2).MaxPool(2);

        Assert.Throws<InvalidOperationException>(() => builder.Conv(4, kernel: 3));
    }

    [Fact]
    public void Padding_same_with_an_even_kernel_keeps_the_size_as_pytorch_does()
    {
        var builder = new ModelBuilder(1, 8, 8).Conv(4, kernel: 2, padding: ConvPadding.Same).Conv(4, kernel: 4, padding: ConvPadding.Same);

        Assert.Equal([4L, 8, 8], builder.OutputShape);
        using var model = builder.Build();
        Assert.Equal([2L, 4, 8, 8], OutputShape(model, 2, 1, 8, 8));
    }

    [Fact]
    public void Padding_same_with_a_stride_and_an_even_kernel_asks_for_pixels()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelBuilder(1, 8, 8).Conv(4, kernel: 2, stride: 2, padding: ConvPadding.Same));

        Assert.Contains("even kernel span", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grouped_convolution_sees_a_share_of_the_input_channels()
    {
        using var model = new ModelBuilder(16, 8, 8).Conv(32, kernel: 3, groups: 2, bias: false).Build();

        Assert.Equal([32L, 8, 3, 3], model.named_parameters().Single().parameter.shape);
        Assert.Throws<ArgumentException>(() => new ModelBuilder(16, 8, 8).Conv(32, groups: 3));
    }

    [Fact]
    public void A_backbone_becomes_layers_under_torchvision_names_and_a_new_head_after_freezing_trains()
    {
        var builder = new ModelBuilder(3, 32, 32).Backbone(BackboneKind.ResNet18).FreezeAllExcept().Replace(Backbones.HeadPath, h => h.Linear(2)).Dropout().Linear(3);

        Assert.Equal([3L], builder.OutputShape);
        using var model = builder.Build();
        Assert.Equal([2L, 3], OutputShape(model, 2, 3, 32, 32));
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name);
        Assert.Equal(["fc.weight", "fc.bias", "linear1.weight", "linear1.bias"], trainable);
        Assert.Contains("layer4.1.conv2.weight", model.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void Layers_are_named_by_kind_and_count_unless_named()
    {
        using var model = new ModelBuilder(4).Linear(8).Relu().Linear(2, name: "head").Build();

        Assert.Equal(["linear1.weight", "linear1.bias", "head.weight", "head.bias"], model.named_parameters().Select(p => p.name));
    }
}
