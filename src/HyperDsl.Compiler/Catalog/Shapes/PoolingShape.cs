using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// Max or average pooling over a <c>kernel</c> x <c>kernel</c> window moved by <c>stride</c>
/// (the kernel when not given), after <c>padding</c>: no parameters, and its FLOPs are not counted.
/// </summary>
public sealed record PoolingShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var map = RequireMap(input, site);
        var kernel = Int(arguments, "kernel", 2);
        var stride = Int(arguments, "stride", kernel);
        var padding = Int(arguments, "padding", 0);
        if (2 * padding > kernel)
        {
            throw new ShapeFailure(PoolPaddingDescriptor, site.Span,
                $"'{site.Text}' pads by {padding}, more than half its {kernel}x{kernel} window, which PyTorch's pooling refuses",
                $"Use a padding of at most {kernel / 2}.");
        }

        if (Math.Min(map.Height, map.Width) + (2 * padding) < kernel)
        {
            throw new ShapeFailure(PoolLargerThanInputDescriptor, site.Span,
                $"'{site.Text}' receives a {map.Spatial} feature map, smaller than its {kernel}x{kernel} window",
                "Lower the upper bound of the parameter that adds pooling layers, or remove a pooling layer.");
        }

        long Out(long size) => ((size + (2 * padding) - kernel) / stride) + 1;
        return new(map with { Height = Out(map.Height), Width = Out(map.Width) }, 0, 0);
    }
}
