using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// A MobileNetV2/V3 inverted residual block: 1x1 expansion to C · expand channels with batch norm
/// (absent when expand is 1), a depthwise convolution padded by (kernel - 1) / 2 with the stride and
/// batch norm, optional squeeze-and-excitation (squeeze to max(1, hidden / 4)), and a 1x1 projection to
/// <c>out</c> with batch norm. Convolutions have no bias; each batch norm has two parameters a channel.
/// The residual sum and activations are free. An even kernel would shrink the map at stride 1, so it is refused.
/// </summary>
public sealed record InvertedResidualShape : LayerShapeRule
{
    /// <summary>The squeeze-and-excitation of a block reduces its hidden channels four times.</summary>
    public const long SqueezeReduction = 4;

    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var map = RequireMap(input, site);
        var outChannels = Int(arguments, "out", 1);
        var expand = Int(arguments, "expand", 6);
        var kernel = Int(arguments, "kernel", 3);
        var stride = Int(arguments, "stride", 1);
        if (kernel % 2 == 0)
        {
            throw new ShapeFailure(BlockEvenKernel(site.Span, site.Text, kernel));
        }

        var hidden = map.Channels * expand;
        long Out(long size) => ((size - 1) / stride) + 1;
        var output = new MapShape(outChannels, Out(map.Height), Out(map.Width));
        var parameters = 0L;
        var flops = 0L;
        if (expand != 1)
        {
            parameters += (map.Channels * hidden) + (2 * hidden);
            flops += 2 * map.Height * map.Width * hidden * map.Channels;
        }

        var pixels = output.Height * output.Width;
        parameters += (hidden * kernel * kernel) + (2 * hidden);
        flops += 2 * pixels * hidden * kernel * kernel;
        if (arguments.GetValueOrDefault("se") is BoolValue { Value: true })
        {
            var squeeze = SqueezeExciteShape.Squeezed(hidden, SqueezeReduction);
            parameters += SqueezeExciteShape.Parameters(hidden, squeeze);
            flops += SqueezeExciteShape.Flops(hidden, squeeze);
        }

        parameters += (hidden * outChannels) + (2 * outChannels);
        flops += 2 * pixels * outChannels * hidden;
        return new(output, parameters, flops);
    }
}
