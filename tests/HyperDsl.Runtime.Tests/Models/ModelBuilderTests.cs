using HyperDsl.Runtime.Models;
using TorchSharp;
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

    // Expected outputs: PyTorch 1.13's nn.Conv2d(1, 1, 3, padding=1, padding_mode=...) with weight arange(9) as 3 x 3,
    // bias 0, on arange(12) as a 3 x 4 image.
    [Theory]
    [InlineData(PaddingModes.Zeros, new[] { 73.0, 121, 154, 103, 171, 258, 294, 186, 91, 127, 142, 81 })]
    [InlineData(PaddingModes.Reflect, new[] { 120.0, 138, 174, 180, 240, 258, 294, 300, 216, 234, 270, 276 })]
    [InlineData(PaddingModes.Replicate, new[] { 99.0, 126, 162, 183, 231, 258, 294, 315, 291, 318, 354, 375 })]
    [InlineData(PaddingModes.Circular, new[] { 150.0, 150, 186, 162, 258, 258, 294, 270, 150, 150, 186, 162 })]
    public void A_convolution_pads_with_its_padding_mode_as_pytorch_does(PaddingModes mode, double[] expected)
    {
        using var model = new ModelBuilder(1, 3, 4).Conv(1, kernel: 3, padding: ConvPadding.Of(1), paddingMode: mode).Build();

        Assert.Equal(expected, Forward(model, 1, 3, 4, 9));
    }

    [Theory]
    [InlineData(PaddingModes.Reflect)]
    [InlineData(PaddingModes.Replicate)]
    [InlineData(PaddingModes.Circular)]
    public void Padding_same_with_an_even_kernel_and_a_mode_other_than_zeros_is_refused(PaddingModes mode)
    {
        // PyTorch 1.13 gives [34, 44, 54, 52, 74, ...] for reflect with weight [[1, 2], [3, 4]] on arange(12) as 3 x 4;
        // LibTorch's C++ Conv2d (TorchSharp 0.107) gives [24, 30, 36, 34, 48, ...], so the runtime refuses the case.
        var error = Assert.Throws<ArgumentException>(() => new ModelBuilder(1, 3, 4).Conv(1, kernel: 2, padding: ConvPadding.Same, paddingMode: mode));

        Assert.Contains("needs an odd kernel span", error.Message, StringComparison.Ordinal);
        using var odd = new ModelBuilder(1, 3, 4).Conv(1, kernel: 3, padding: ConvPadding.Same, paddingMode: mode).Build();
        Assert.Equal([1L, 1, 3, 4], OutputShape(odd, 1, 1, 3, 4));
    }

    [Theory]
    [InlineData(PaddingModes.Reflect, 2)]
    [InlineData(PaddingModes.Circular, 3)]
    public void Padding_a_mode_cannot_reflect_or_wrap_is_refused_when_the_layer_is_added(PaddingModes mode, int pixels)
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelBuilder(1, 2, 5).Conv(1, kernel: 1, padding: ConvPadding.Of(pixels), paddingMode: mode));

        Assert.Contains($"pads {pixels} pixels on a 2 x 5 image", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PaddingModes.Zeros)]
    [InlineData(PaddingModes.Reflect)]
    [InlineData(PaddingModes.Replicate)]
    [InlineData(PaddingModes.Circular)]
    public void The_padding_mode_changes_neither_parameters_nor_flops(PaddingModes mode)
    {
        using var zeros = new ModelBuilder(3, 16, 16).Conv(8, kernel: 3, padding: ConvPadding.Same).Conv(8, kernel: 3, stride: 2, padding: ConvPadding.Of(1)).Build();
        using var model = new ModelBuilder(3, 16, 16).Conv(8, kernel: 3, padding: ConvPadding.Same, paddingMode: mode).Conv(8, kernel: 3, stride: 2, padding: ConvPadding.Of(1), paddingMode: mode).Build();

        Assert.Equal(ModelParameters.CountTrainable(zeros), ModelParameters.CountTrainable(model));
        Assert.Equal(ModelFlops.Count(zeros, [3, 16, 16]), ModelFlops.Count(model, [3, 16, 16]));
        Assert.Equal((2 * 16 * 16 * 8 * 3 * 9) + (2 * 8 * 8 * 8 * 8 * 9), ModelFlops.Count(model, [3, 16, 16]));
        Assert.Equal([2L, 8, 8, 8], OutputShape(model, 2, 3, 16, 16));
    }

    [Fact]
    public void The_new_activations_compute_their_pytorch_definitions()
    {
        double[] x = [-4, -1, -0.5, 0, 0.5, 1, 4, 7];

        Assert.Equal(x.Select(v => Math.Min(Math.Max(0, v), 6)), Apply(new ModelBuilder(8).Relu6(), x), Close);
        Assert.Equal(x.Select(v => v * Math.Min(Math.Max(0, v + 3), 6) / 6), Apply(new ModelBuilder(8).Hardswish(), x), Close);
        Assert.Equal(x.Select(v => v > 0 ? v : 0.5 * (Math.Exp(v) - 1)), Apply(new ModelBuilder(8).Elu(0.5), x), Close);
        Assert.Equal(x.Select(v => v * Math.Tanh(Math.Log(1 + Math.Exp(v)))), Apply(new ModelBuilder(8).Mish(), x), Close);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelBuilder(8).Elu(double.NaN));
    }

    [Fact]
    public void The_new_activations_are_named_by_kind_have_no_parameters_and_cost_no_flops()
    {
        var builder = new ModelBuilder(3, 8, 8).Conv(4, kernel: 3).Relu6().Hardswish().Elu().Mish().Relu6().Flatten().Linear(2);
        using var plain = new ModelBuilder(3, 8, 8).Conv(4, kernel: 3).Flatten().Linear(2).Build();

        using var model = builder.Build();
        Assert.Equal(["conv1", "relu6_1", "hardswish1", "elu1", "mish1", "relu6_2", "flatten1", "linear1"], model.named_children().Select(c => c.name));
        Assert.Equal(ModelParameters.CountTrainable(plain), ModelParameters.CountTrainable(model));
        Assert.Equal(ModelFlops.Count(plain, [3, 8, 8]), ModelFlops.Count(model, [3, 8, 8]));
        Assert.Equal([2L, 2], OutputShape(model, 2, 3, 8, 8));
    }

    private static readonly IEqualityComparer<double> Close = EqualityComparer<double>.Create((a, b) => Math.Abs(a - b) < 1e-5, v => 0);

    private static double[] Apply(ModelBuilder builder, double[] values)
    {
        using var model = builder.Build();
        using var noGrad = no_grad();
        using var x = tensor(values.Select(v => (float)v).ToArray()).reshape(1, values.Length);
        using var y = model.call(x);
        return [.. y.data<float>().Select(v => (double)v)];
    }

    // The network's only convolution gets weights 0, 1, 2, ... and bias 0; the input is 0, 1, 2, ... as channels x height x width.
    private static double[] Forward(nn.Module<Tensor, Tensor> model, long channels, long height, long width, long weights)
    {
        using var noGrad = no_grad();
        var conv = model.modules().OfType<TorchSharp.Modules.Conv2d>().Single();
        using (var values = arange(weights, dtype: ScalarType.Float32).reshape(conv.weight!.shape))
        {
            conv.weight!.copy_(values);
        }

        conv.bias!.zero_();
        using var x = arange(channels * height * width, dtype: ScalarType.Float32).reshape(1, channels, height, width);
        using var y = model.call(x);
        return [.. y.data<float>().Select(v => (double)v)];
    }

    [Fact]
    public void A_mobilenet_backbone_becomes_layers_under_torchvision_names_and_its_classifier_can_be_replaced()
    {
        var builder = new ModelBuilder(3, 64, 64).Backbone(BackboneKind.MobileNetV3Small, classes: 10).FreezeAllExcept()
            .Replace(Backbones.HeadPathOf(BackboneKind.MobileNetV3Small), h => h.Linear(4));

        Assert.Equal([4L], builder.OutputShape);
        using var model = builder.Build();
        Assert.Equal(["features", "avgpool", "flatten", "classifier"], model.named_children().Select(c => c.name));
        Assert.Equal([1L, 4], OutputShape(model, 1, 3, 64, 64));
        Assert.Equal(["classifier.weight", "classifier.bias"], model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name));
    }

    [Fact]
    public void A_mobilenet_v2_backbone_takes_the_width_multiplier_and_a_resnet_refuses_one()
    {
        using var narrow = new ModelBuilder(3, 32, 32).Backbone(BackboneKind.MobileNetV2, classes: 10, width: 0.5).Build();
        using var full = new ModelBuilder(3, 32, 32).Backbone(BackboneKind.MobileNetV2, classes: 10).Build();

        Assert.True(ModelParameters.CountTrainable(narrow) < ModelParameters.CountTrainable(full));
        Assert.Equal([16L, 3, 3, 3], narrow.named_parameters().First(p => p.name == "features.0.0.weight").parameter.shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelBuilder(3, 32, 32).Backbone(BackboneKind.ResNet18, classes: 10, width: 0.5));
    }

    // TorchSharp registers a custom module's fields once more when the module is registered; each
    // custom module turns that off, or its parameters would be listed twice and its FLOPs counted
    // twice (found by the differential test on squeeze-excitation inside a network with skips).
    [Fact]
    public void Every_custom_module_lists_its_parameters_and_submodules_once()
    {
        using var model = new ModelBuilder(3, 16, 16)
            .Conv(8, 3, padding: ConvPadding.Same).Save("full")
            .SqueezeExcite().InvertedResidual(8, expand: 2, se: true).SeparableConv(8)
            .Residual(b => b.Conv(8, 3, stride: 2, padding: ConvPadding.Of(1)))
            .Upsample(2).Concat("full")
            .GlobalAvgPool().Linear(2)
            .Build();

        var keys = model.state_dict().Keys.ToList();
        Assert.DoesNotContain(keys, k => k.Contains("._", StringComparison.Ordinal) || k.StartsWith('_'));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        var modules = model.named_modules().Select(m => m.module).ToList();
        Assert.Equal(modules.Count, modules.Distinct().Count());
    }
}
