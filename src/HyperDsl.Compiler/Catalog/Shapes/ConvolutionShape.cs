using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// A 2-D convolution: <c>out</c> channels from a <c>kernel</c> x <c>kernel</c> window moved by
/// <c>stride</c>, with <c>padding</c> in pixels or <c>same</c>, <c>dilation</c>, <c>groups</c>
/// and an optional bias; the output size is PyTorch's.
/// </summary>
public sealed record ConvolutionShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var map = RequireMap(input, site);
        var outChannels = Int(arguments, "out", 1);
        var kernel = Int(arguments, "kernel", 3);
        var stride = Int(arguments, "stride", 1);
        var dilation = Int(arguments, "dilation", 1);
        var groups = Int(arguments, "groups", 1);
        var reach = (dilation * (kernel - 1)) + 1;
        long padding;
        if (arguments.GetValueOrDefault("padding") is KeywordValue { Keyword: "same" })
        {
            if (stride != 1)
            {
                throw new ShapeFailure(SamePaddingStrideDescriptor, site.Span, $"'{site.Text}' asks for 'same' padding with stride {stride}; 'same' keeps the size, which only stride 1 can.",
                    $"Use padding: {reach / 2} with the stride, or stride 1.");
            }

            // 'same' keeps the size whatever the kernel.
            padding = -1;
        }
        else
        {
            padding = Int(arguments, "padding", 0);
        }

        if (map.Channels % groups != 0 || outChannels % groups != 0)
        {
            throw new ShapeFailure(ChannelMismatchDescriptor, site.Span,
                $"'{site.Text}' splits into {groups} groups, which must divide both its {map.Channels} input and {outChannels} output channels",
                "Choose groups that divide both channel counts (1 always does).");
        }

        long Out(long size) => padding < 0 ? size : ((size + (2 * padding) - reach) / stride) + 1;
        if (padding >= 0 && Math.Min(map.Height, map.Width) + (2 * padding) < reach)
        {
            throw new ShapeFailure(KernelLargerThanInputDescriptor, site.Span,
                $"'{site.Text}' receives a {map.Spatial} feature map{(padding > 0 ? $" (padded by {padding})" : "")}, smaller than its {reach}x{reach} kernel{(dilation > 1 ? " (dilated)" : "")}",
                "Use a smaller kernel, pad the input ('padding: same'), or downsample less before this layer.");
        }

        // Each group sees only its share of the input channels.
        var output = new MapShape(outChannels, Out(map.Height), Out(map.Width));
        var inputsPerGroup = map.Channels / groups;
        var weights = (outChannels * inputsPerGroup * kernel * kernel) + (Bias(arguments) ? outChannels : 0);
        return new(output, weights, 2 * output.Channels * output.Height * output.Width * inputsPerGroup * kernel * kernel);
    }
}
