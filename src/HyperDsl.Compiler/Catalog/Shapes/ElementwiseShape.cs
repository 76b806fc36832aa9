using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// A layer that acts on each value alone (an activation, dropout): the shape is kept, there are no
/// parameters, and its FLOPs are not counted.
/// </summary>
public sealed record ElementwiseShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site) => new(input, 0, 0);
}
