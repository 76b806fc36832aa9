using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// A depthwise-separable convolution as Keras's SeparableConv2D: a depthwise convolution (one
/// <c>kernel</c> x <c>kernel</c> filter per input channel, no bias) with the <c>stride</c>,
/// <c>padding</c> and <c>dilation</c>, then a pointwise 1x1 convolution to <c>out</c> channels
/// with the bias. Each part is the convolution rule, so sizes and shape errors are conv's.
/// </summary>
public sealed record SeparableConvolutionShape : LayerShapeRule
{
    private static readonly ConvolutionShape Convolution = new();

    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var map = RequireMap(input, site);
        var depthwise = new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["out"] = new IntValue(map.Channels),
            ["groups"] = new IntValue(map.Channels),
            ["bias"] = BoolValue.False,
        };
        foreach (var name in (string[])["kernel", "stride", "padding", "dilation"])
        {
            if (arguments.GetValueOrDefault(name) is { } value)
            {
                depthwise[name] = value;
            }
        }

        var spatial = Convolution.Apply(map, depthwise, site);
        var pointwise = new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["out"] = arguments.GetValueOrDefault("out") ?? new IntValue(1),
            ["kernel"] = new IntValue(1),
            ["bias"] = arguments.GetValueOrDefault("bias") ?? BoolValue.True,
        };
        var mixed = Convolution.Apply(spatial.Output, pointwise, site);
        return new(mixed.Output, spatial.Parameters + mixed.Parameters, spatial.Flops + mixed.Flops);
    }
}
