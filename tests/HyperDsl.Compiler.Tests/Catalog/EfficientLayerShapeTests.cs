using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Catalog.Shapes;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>
/// The shape rules of separable_conv, squeeze_excite and inverted_residual on their own: output
/// shape, parameters and FLOPs counted by hand from the modules the runtime builds.
/// </summary>
public class EfficientLayerShapeTests
{
    private static readonly SourceSpan Span = new(new SourceFile("rules.hyp", "model { inverted_residual(8) }"), new TextSpan(8, 20));

    private static LayerShapeResult Apply(string layer, TensorShape input, params (string Name, Value Value)[] given)
    {
        var entry = BuiltinCatalog.Entries[layer];
        var arguments = entry.Parameters.Where(p => p.Default is not null).ToDictionary(p => p.Name, p => p.Default!, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            arguments[name] = value;
        }

        return entry.ShapeRule.Apply(input, arguments, new LayerSite(Span, () => $"{layer}(...)"));
    }

    private static IntValue I(long value) => new(value);

    [Fact]
    public void A_separable_convolution_is_a_depthwise_convolution_without_bias_then_a_pointwise_one_with_bias()
    {
        var result = Apply("separable_conv", new MapShape(8, 10, 10), ("out", I(16)));

        // 'same' by default keeps 10x10; depthwise 8·3·3 weights, pointwise 16·8 weights and 16 biases.
        Assert.Equal(new MapShape(16, 10, 10), result.Output);
        Assert.Equal((8 * 3 * 3) + (16 * 8) + 16, result.Parameters);
        Assert.Equal((2L * 8 * 10 * 10 * 3 * 3) + (2L * 16 * 10 * 10 * 8), result.Flops);
    }

    [Fact]
    public void A_strided_separable_convolution_shrinks_the_map_before_the_pointwise_part()
    {
        var result = Apply("separable_conv", new MapShape(4, 9, 9), ("out", I(6)), ("stride", I(2)), ("padding", I(1)), ("bias", BoolValue.False));

        Assert.Equal(new MapShape(6, 5, 5), result.Output);
        Assert.Equal((4 * 3 * 3) + (6 * 4), result.Parameters);
        Assert.Equal((2L * 4 * 5 * 5 * 3 * 3) + (2L * 6 * 5 * 5 * 4), result.Flops);
    }

    [Theory]
    [InlineData(16, 4, 4)]
    [InlineData(12, 5, 2)]
    [InlineData(3, 16, 1)]
    public void Squeeze_and_excitation_keeps_the_shape_and_squeezes_to_the_channels_over_the_reduction_at_least_one(long channels, long reduction, long squeeze)
    {
        var input = new MapShape(channels, 7, 7);
        var result = Apply("squeeze_excite", input, ("reduction", I(reduction)));

        Assert.Equal(input, result.Output);
        Assert.Equal((channels * squeeze) + squeeze + (squeeze * channels) + channels, result.Parameters);
        Assert.Equal(4 * channels * squeeze, result.Flops);
    }

    [Fact]
    public void An_inverted_residual_counts_expansion_depthwise_and_projection_with_their_batch_norms()
    {
        var result = Apply("inverted_residual", new MapShape(8, 6, 6), ("out", I(16)), ("stride", I(2)));

        // hidden 48; stride 2 with padding 1 gives 3x3.
        Assert.Equal(new MapShape(16, 3, 3), result.Output);
        Assert.Equal((8 * 48) + (2 * 48) + (48 * 3 * 3) + (2 * 48) + (48 * 16) + (2 * 16), result.Parameters);
        Assert.Equal((2L * 6 * 6 * 48 * 8) + (2L * 3 * 3 * 48 * 3 * 3) + (2L * 3 * 3 * 16 * 48), result.Flops);
    }

    [Fact]
    public void An_inverted_residual_without_expansion_but_with_squeeze_and_excitation_counts_the_excitation_on_its_channels()
    {
        var result = Apply("inverted_residual", new MapShape(8, 5, 5), ("out", I(8)), ("expand", I(1)), ("kernel", I(5)), ("se", BoolValue.True));

        // No expansion; squeeze 8 / 4 = 2.
        Assert.Equal(new MapShape(8, 5, 5), result.Output);
        Assert.Equal((8 * 5 * 5) + (2 * 8) + ((8 * 2) + 2 + (2 * 8) + 8) + (8 * 8) + (2 * 8), result.Parameters);
        Assert.Equal((2L * 5 * 5 * 8 * 5 * 5) + (4L * 8 * 2) + (2L * 5 * 5 * 8 * 8), result.Flops);
    }

    [Fact]
    public void An_inverted_residual_with_an_even_kernel_is_refused_at_its_span()
    {
        var failure = Assert.Throws<ShapeFailure>(() => Apply("inverted_residual", new MapShape(8, 8, 8), ("out", I(8)), ("kernel", I(2))));

        Assert.Equal("HYP3140", failure.Diagnostic.Descriptor.Code);
        Assert.Equal(Span, failure.Diagnostic.Span);
        Assert.Contains("kernel: 3", failure.Diagnostic.Help, StringComparison.Ordinal);
    }
}
