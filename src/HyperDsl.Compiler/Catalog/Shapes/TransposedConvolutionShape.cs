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
            throw new ShapeFailure(TransposedConvolutionSizeDescriptor, site.Span,
                $"'{site.Text}' has output_padding {outputPadding}, but PyTorch needs it below the stride ({stride}) or the dilation ({dilation})",
                stride > 1 ? $"Use an output_padding of at most {Math.Max(stride, dilation) - 1}." : "Leave output_padding at 0, or use it with a stride: it picks among the sizes a stride can give.");
        }

        long Out(long size) => ((size - 1) * stride) - (2 * padding) + (dilation * (kernel - 1)) + outputPadding + 1;
        if (Out(Math.Min(map.Height, map.Width)) < 1)
        {
            throw new ShapeFailure(TransposedConvolutionSizeDescriptor, site.Span,
                $"'{site.Text}' receives a {map.Spatial} feature map and crops {padding} pixel{(padding == 1 ? "" : "s")} from each side of its output, which leaves nothing",
                "Use less padding, or a larger kernel or stride.");
        }

        var output = new MapShape(outChannels, Out(map.Height), Out(map.Width));
        var weights = (map.Channels * outChannels * kernel * kernel) + (Bias(arguments) ? outChannels : 0);
        return new(output, weights, 2 * map.Channels * map.Height * map.Width * outChannels * kernel * kernel);
    }
}
