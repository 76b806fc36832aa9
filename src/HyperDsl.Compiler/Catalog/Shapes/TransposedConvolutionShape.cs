using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// A 2-D transposed convolution, as PyTorch's <c>nn.ConvTranspose2d</c>: each side becomes
/// (size - 1) stride - 2 padding + dilation (kernel - 1) + output_padding + 1. Its weights are
/// in x out x kernel x kernel (and a bias per output channel); its FLOPs are two per input
/// element and weight it meets: 2 in H W out k k, as the runtime counts them.
/// </summary>
public sealed record TransposedConvolutionShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var map = RequireMap(input, site);
        var outChannels = Int(arguments, "out", 1);
        var kernel = Int(arguments, "kernel", 3);
        var stride = Int(arguments, "stride", 1);
        var padding = Int(arguments, "padding", 0);
        var outputPadding = Int(arguments, "output_padding", 0);
        var dilation = Int(arguments, "dilation", 1);
        if (outputPadding >= Math.Max(stride, dilation))
        {
            throw new ShapeFailure(TransposedOutputPadding(site.Span, site.Text, outputPadding, stride, dilation));
        }

        long Out(long size) => ((size - 1) * stride) - (2 * padding) + (dilation * (kernel - 1)) + outputPadding + 1;
        if (Out(Math.Min(map.Height, map.Width)) < 1)
        {
            throw new ShapeFailure(TransposedCropsEverything(site.Span, site.Text, map.Spatial, padding));
        }

        var output = new MapShape(outChannels, Out(map.Height), Out(map.Width));
        var weights = (map.Channels * outChannels * kernel * kernel) + (Bias(arguments) ? outChannels : 0);
        return new(output, weights, 2 * map.Channels * map.Height * map.Width * outChannels * kernel * kernel);
    }
}
