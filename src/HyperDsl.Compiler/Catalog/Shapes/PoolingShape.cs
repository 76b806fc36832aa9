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
            throw new ShapeFailure(PoolPadding(site.Span, site.Text, padding, kernel));
        }

        if (Math.Min(map.Height, map.Width) + (2 * padding) < kernel)
        {
            throw new ShapeFailure(PoolLargerThanInput(site.Span, site.Text, map.Spatial, kernel));
        }

        long Out(long size) => ((size + (2 * padding) - kernel) / stride) + 1;
        return new(map with { Height = Out(map.Height), Width = Out(map.Width) }, 0, 0);
    }
}
