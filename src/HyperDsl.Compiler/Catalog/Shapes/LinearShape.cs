using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>A fully connected layer from a vector of features to <c>out</c> features, with an optional bias.</summary>
public sealed record LinearShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        if (input is MapShape map)
        {
            throw new ShapeFailure(FeatureMapIntoLinear(site.Span, site.Text, map.Display));
        }

        var features = ((FeatureShape)input).Features;
        var outFeatures = Int(arguments, "out", 1);
        return new(new FeatureShape(outFeatures), (features * outFeatures) + (Bias(arguments) ? outFeatures : 0), 2 * features * outFeatures);
    }
}
