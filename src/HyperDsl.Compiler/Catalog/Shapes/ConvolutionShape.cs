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
                throw new ShapeFailure(SamePaddingStride(site.Span, site.Text, stride, reach / 2));
            }

            // 'same' keeps the size whatever the kernel; the runtime pads an odd span by half of it on each side,
            // and an even span one pixel more after than before, which LibTorch does not do for the other modes.
            if (reach % 2 == 0 && PaddingMode(arguments) is not "zeros" and var mode)
            {
                throw new ShapeFailure(PaddingModeEvenSame(site.Span, site.Text, mode, reach, kernel));
            }

            CheckPaddingFits(reach / 2, map, arguments, site);
            padding = -1;
        }
        else
        {
            padding = Int(arguments, "padding", 0);
            CheckPaddingFits(padding, map, arguments, site);
        }

        if (map.Channels % groups != 0 || outChannels % groups != 0)
        {
            throw new ShapeFailure(GroupsDoNotDivideChannels(site.Span, site.Text, groups, map.Channels, outChannels));
        }

        long Out(long size) => padding < 0 ? size : ((size + (2 * padding) - reach) / stride) + 1;
        if (padding >= 0 && Math.Min(map.Height, map.Width) + (2 * padding) < reach)
        {
            throw new ShapeFailure(KernelLargerThanInput(site.Span, site.Text, map.Spatial, padding, reach, dilated: dilation > 1));
        }

        // Each group sees only its share of the input channels.
        var output = new MapShape(outChannels, Out(map.Height), Out(map.Width));
        var inputsPerGroup = map.Channels / groups;
        var weights = (outChannels * inputsPerGroup * kernel * kernel) + (Bias(arguments) ? outChannels : 0);
        return new(output, weights, 2 * output.Channels * output.Height * output.Width * inputsPerGroup * kernel * kernel);
    }

    private static string PaddingMode(IReadOnlyDictionary<string, Value> arguments) =>
        arguments.GetValueOrDefault("padding_mode") is KeywordValue { Keyword: var mode } ? mode : "zeros";

    // Reflect mirrors the image without repeating its edge, so it needs fewer padding pixels than the
    // smaller side; circular wraps the opposite edge around, so at most that side (as LibTorch's F.pad).
    private static void CheckPaddingFits(long padding, MapShape map, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var mode = PaddingMode(arguments);
        var smallest = Math.Min(map.Height, map.Width);
        var fits = mode switch
        {
            "reflect" => padding < smallest,
            "circular" => padding <= smallest,
            _ => true,
        };
        if (!fits)
        {
            throw new ShapeFailure(PaddingModeTooWide(site.Span, site.Text, padding, mode, map.Spatial, smallest));
        }
    }
}
