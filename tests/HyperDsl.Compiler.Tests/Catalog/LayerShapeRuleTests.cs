using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Catalog.Shapes;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>
/// Each layer entry's shape rule on its own: output shape, parameters and FLOPs counted by hand,
/// and the diagnostic (code, span, message) for a shape the layer cannot take.
/// </summary>
public class LayerShapeRuleTests
{
    private static readonly SourceSpan Span = new(new SourceFile("rules.hyp", "model { conv(8) }"), new TextSpan(8, 7));

    // Arguments as the shape checker passes them: the catalogue's defaults, then those given.
    private static LayerShapeResult Apply(string layer, TensorShape input, params (string Name, Value Value)[] given)
    {
        var entry = BuiltinCatalog.Entries[layer];
        var arguments = entry.Parameters.Where(p => p.Default is not null).ToDictionary(p => p.Name, p => p.Default!, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            arguments[name] = value;
        }

        return entry.ShapeRule.Apply(input, arguments, new LayerSite(Span, () => $"{layer}({string.Join(", ", given.Select(g => $"{g.Name}: {g.Value.Display}"))})"));
    }

    private static ShapeFailure Failure(string layer, TensorShape input, params (string Name, Value Value)[] given)
    {
        var failure = Assert.Throws<ShapeFailure>(() => Apply(layer, input, given));
        Assert.Equal(Span, failure.Diagnostic.Span);
        Assert.StartsWith($"'{layer}(", failure.Message, StringComparison.Ordinal);
        return failure;
    }

    private static IntValue I(long value) => new(value);

    [Fact]
    public void Every_layer_entry_carries_a_shape_rule_and_no_other_entry_does()
    {
        Assert.All(BuiltinCatalog.Entries.Values, e => Assert.Equal(e.Kind == EntryKind.Layer, e.Shape is not null));
        Assert.Contains(BuiltinCatalog.Entries.Values, e => e.Kind == EntryKind.Layer);
    }

    [Fact]
    public void Every_backbone_entry_carries_its_network_layout_and_no_other_entry_does()
    {
        Assert.All(BuiltinCatalog.Entries.Values, e => Assert.Equal(e.Kind == EntryKind.Backbone, e.Layout is not null));
        Assert.Contains(BuiltinCatalog.Entries.Values, e => e.Kind == EntryKind.Backbone);
    }

    [Fact]
    public void Asking_a_non_layer_entry_for_its_shape_rule_fails_loudly_instead_of_keeping_the_shape()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BuiltinCatalog.Entries["resnet18"].ShapeRule);

        Assert.Contains("'resnet18'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_convolution_without_padding_shrinks_the_map_by_its_kernel()
    {
        var result = Apply("conv", new MapShape(3, 32, 32), ("out", I(8)));

        Assert.Equal(new MapShape(8, 30, 30), result.Output);
        Assert.Equal((8 * 3 * 3 * 3) + 8, result.Parameters);
        Assert.Equal(2L * 8 * 30 * 30 * 3 * 3 * 3, result.Flops);
    }

    [Fact]
    public void A_grouped_convolution_counts_weights_per_group()
    {
        var result = Apply("conv", new MapShape(4, 8, 8), ("out", I(8)), ("groups", I(2)));

        // Each output channel sees the 2 input channels of its group.
        Assert.Equal(new MapShape(8, 6, 6), result.Output);
        Assert.Equal((8 * 2 * 3 * 3) + 8, result.Parameters);
        Assert.Equal(2L * 8 * 6 * 6 * 2 * 3 * 3, result.Flops);
    }

    [Fact]
    public void A_strided_dilated_convolution_follows_pytorchs_output_size()
    {
        var result = Apply("conv", new MapShape(1, 11, 12), ("out", I(2)), ("kernel", I(3)), ("stride", I(2)), ("padding", I(1)), ("dilation", I(2)));

        // Reach 5: (11 + 2 - 5) / 2 + 1 = 5 and (12 + 2 - 5) / 2 + 1 = 5.
        Assert.Equal(new MapShape(2, 5, 5), result.Output);
    }

    [Fact]
    public void A_convolution_without_bias_has_only_its_weights()
    {
        var result = Apply("conv", new MapShape(3, 8, 8), ("out", I(4)), ("kernel", I(1)), ("bias", BoolValue.False));

        Assert.Equal(4 * 3, result.Parameters);
    }

    [Fact]
    public void Same_padding_keeps_the_size_whatever_the_kernel()
    {
        var result = Apply("conv", new MapShape(3, 7, 9), ("out", I(8)), ("kernel", I(5)), ("padding", new KeywordValue("same")));

        Assert.Equal(new MapShape(8, 7, 9), result.Output);
    }

    [Fact]
    public void Same_padding_with_a_stride_is_refused_with_the_padding_that_fits_the_stride()
    {
        var failure = Failure("conv", new MapShape(3, 8, 8), ("out", I(8)), ("stride", I(2)), ("padding", new KeywordValue("same")));

        Assert.Equal("HYP3109", failure.Diagnostic.Descriptor.Code);
        Assert.Equal("Use padding: 1 with the stride, or stride 1.", failure.Diagnostic.Help);
    }

    [Fact]
    public void Groups_that_do_not_divide_both_channel_counts_are_refused()
    {
        var failure = Failure("conv", new MapShape(3, 8, 8), ("out", I(8)), ("groups", I(2)));

        Assert.Equal("HYP3102", failure.Diagnostic.Descriptor.Code);
        Assert.Contains("its 3 input and 8 output channels", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dilated_kernel_that_reaches_past_the_map_is_refused()
    {
        var failure = Failure("conv", new MapShape(3, 4, 4), ("out", I(8)), ("dilation", I(2)));

        Assert.Equal("HYP3101", failure.Diagnostic.Descriptor.Code);
        Assert.Contains("a 4x4 feature map, smaller than its 5x5 kernel (dilated)", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conv")]
    [InlineData("maxpool")]
    [InlineData("global_avgpool")]
    public void A_map_layer_after_flatten_asks_for_a_feature_map(string layer)
    {
        var failure = Failure(layer, new FeatureShape(12), ("out", I(8)), ("kernel", I(2)));

        Assert.Equal("HYP3111", failure.Diagnostic.Descriptor.Code);
        Assert.Contains("receives 12 features", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maxpool")]
    [InlineData("avgpool")]
    public void Pooling_strides_by_its_kernel_and_adds_no_parameters(string layer)
    {
        var result = Apply(layer, new MapShape(16, 32, 31), ("kernel", I(2)));

        Assert.Equal(new LayerShapeResult(new MapShape(16, 16, 15), 0, 0), result);
    }

    [Fact]
    public void Pooling_with_its_own_stride_and_padding_follows_pytorchs_output_size()
    {
        var result = Apply("maxpool", new MapShape(64, 112, 112), ("kernel", I(3)), ("stride", I(2)), ("padding", I(1)));

        Assert.Equal(new MapShape(64, 56, 56), result.Output);
    }

    [Fact]
    public void Pooling_padded_by_more_than_half_its_window_is_refused()
    {
        var failure = Failure("avgpool", new MapShape(3, 8, 8), ("kernel", I(2)), ("padding", I(2)));

        Assert.Equal("HYP3116", failure.Diagnostic.Descriptor.Code);
        Assert.Equal("Use a padding of at most 1.", failure.Diagnostic.Help);
    }

    [Fact]
    public void A_pooling_window_larger_than_the_map_is_refused()
    {
        var failure = Failure("maxpool", new MapShape(3, 2, 5), ("kernel", I(3)));

        Assert.Equal("HYP3104", failure.Diagnostic.Descriptor.Code);
        Assert.Contains("a 2x5 feature map, smaller than its 3x3 window", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_norm_keeps_the_shape_and_trains_a_scale_and_shift_per_channel()
    {
        Assert.Equal(new LayerShapeResult(new MapShape(16, 8, 8), 32, 0), Apply("batchnorm", new MapShape(16, 8, 8)));
        Assert.Equal(new LayerShapeResult(new FeatureShape(10), 20, 0), Apply("batchnorm", new FeatureShape(10)));
    }

    [Fact]
    public void Global_pooling_keeps_one_feature_per_channel()
    {
        Assert.Equal(new LayerShapeResult(new FeatureShape(32), 0, 0), Apply("global_avgpool", new MapShape(32, 7, 5)));
    }

    [Fact]
    public void Flatten_lays_the_map_out_as_features_and_leaves_features_alone()
    {
        Assert.Equal(new LayerShapeResult(new FeatureShape(32 * 7 * 5), 0, 0), Apply("flatten", new MapShape(32, 7, 5)));
        Assert.Equal(new LayerShapeResult(new FeatureShape(10), 0, 0), Apply("flatten", new FeatureShape(10)));
    }

    [Fact]
    public void A_linear_layer_counts_a_weight_per_input_and_output_and_a_bias_per_output()
    {
        Assert.Equal(new LayerShapeResult(new FeatureShape(10), (128 * 10) + 10, 2 * 128 * 10), Apply("linear", new FeatureShape(128), ("out", I(10))));
        Assert.Equal(128 * 10, Apply("linear", new FeatureShape(128), ("out", I(10)), ("bias", BoolValue.False)).Parameters);
    }

    [Fact]
    public void A_linear_layer_on_a_feature_map_asks_for_flatten_first()
    {
        var failure = Failure("linear", new MapShape(8, 4, 4), ("out", I(10)));

        Assert.Equal("HYP3103", failure.Diagnostic.Descriptor.Code);
        Assert.Contains("receives a 8x4x4 feature map", failure.Message, StringComparison.Ordinal);
        Assert.Equal("Add 'flatten' (or 'global_avgpool') before it.", failure.Diagnostic.Help);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("gelu")]
    [InlineData("silu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("leaky_relu")]
    [InlineData("dropout")]
    public void An_activation_or_dropout_keeps_the_shape_and_adds_nothing(string layer)
    {
        Assert.Equal(new LayerShapeResult(new MapShape(4, 5, 6), 0, 0), Apply(layer, new MapShape(4, 5, 6)));
        Assert.Equal(new LayerShapeResult(new FeatureShape(7), 0, 0), Apply(layer, new FeatureShape(7)));
    }

    [Fact]
    public void A_layer_that_fits_never_makes_the_text_its_messages_would_quote()
    {
        var made = 0;
        var site = new LayerSite(Span, () => $"conv({++made})");

        BuiltinCatalog.Entries["conv"].ShapeRule.Apply(new MapShape(3, 8, 8), new Dictionary<string, Value> { ["out"] = I(4) }, site);

        Assert.Equal(0, made);
    }
}
