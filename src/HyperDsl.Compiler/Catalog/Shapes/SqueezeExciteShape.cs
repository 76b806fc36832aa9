using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// Squeeze-and-excitation: keeps the shape; its two 1x1 convolutions (with biases) run on the
/// pooled channels, C to max(1, C / reduction) and back, so they cost 2 · 2 · C · squeeze FLOPs.
/// The pooling, activation, gate and scaling are free, as for every other layer.
/// </summary>
public sealed record SqueezeExciteShape : LayerShapeRule
{
    /// <summary>The squeezed channels of <paramref name="channels"/> with <paramref name="reduction"/>: C / reduction rounded down, at least one.</summary>
    public static long Squeezed(long channels, long reduction) => Math.Max(1, channels / Math.Max(1, reduction));

    /// <summary>The parameters of the excitation of <paramref name="channels"/> through <paramref name="squeeze"/>: two 1x1 convolutions with biases.</summary>
    internal static long Parameters(long channels, long squeeze) => (channels * squeeze) + squeeze + (squeeze * channels) + channels;

    /// <summary>The FLOPs of the two 1x1 convolutions on the pooled 1 x 1 map.</summary>
    internal static long Flops(long channels, long squeeze) => 2 * 2 * channels * squeeze;

    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var map = RequireMap(input, site);
        var squeeze = Squeezed(map.Channels, Int(arguments, "reduction", 4));
        return new(map, Parameters(map.Channels, squeeze), Flops(map.Channels, squeeze));
    }
}
