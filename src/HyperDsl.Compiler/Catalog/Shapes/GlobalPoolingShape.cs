using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>Pooling each channel over the whole map: a CxHxW map becomes C features, with no parameters.</summary>
public sealed record GlobalPoolingShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site) =>
        new(new FeatureShape(RequireMap(input, site).Channels), 0, 0);
}
