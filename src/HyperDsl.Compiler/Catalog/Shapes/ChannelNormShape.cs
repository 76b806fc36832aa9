using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// Normalisation over channels (of a feature map) or features (of a vector): the shape is kept,
/// and each channel has a trainable scale and shift. Its FLOPs are not counted.
/// </summary>
public sealed record ChannelNormShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var channels = input is MapShape map ? map.Channels : ((FeatureShape)input).Features;
        return new(input, 2 * channels, 0);
    }
}
