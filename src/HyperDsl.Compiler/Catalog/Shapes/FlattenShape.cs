using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>A CxHxW map becomes C*H*W features; features stay as they are.</summary>
public sealed record FlattenShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site) =>
        new(input is MapShape map ? new FeatureShape(map.Channels * map.Height * map.Width) : input, 0, 0);
}
