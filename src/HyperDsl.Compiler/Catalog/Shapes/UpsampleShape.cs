using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>Upsampling by a whole <c>scale</c>: height and width times it, whatever the mode; no parameters, and its FLOPs are not counted.</summary>
public sealed record UpsampleShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var map = RequireMap(input, site);
        var scale = Int(arguments, "scale", 2);
        return new(map with { Height = map.Height * scale, Width = map.Width * scale }, 0, 0);
    }
}
