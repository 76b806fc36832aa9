using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// What a layer entry does to one sample's shape and what it costs, as the trainer will build it:
/// the output shape, the trainable parameters it adds and its forward FLOPs. The shape checker
/// applies the entry's rule at every point of the space instead of knowing layers by name.
/// </summary>
public abstract record LayerShapeRule
{
    /// <summary>
    /// The layer's output, parameters and FLOPs for this input. A shape the layer cannot take
    /// throws a <see cref="ShapeFailure"/> with the diagnostic the spec's author sees.
    /// </summary>
    /// <param name="input">The shape of one sample reaching the layer.</param>
    /// <param name="arguments">The evaluated arguments by parameter name, with the catalogue's defaults filled in.</param>
    /// <param name="site">Where the layer is written, for the diagnostics.</param>
    internal abstract LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site);

    /// <summary>The input as a feature map, or the diagnostic for a layer that needs one but receives features.</summary>
    internal static MapShape RequireMap(TensorShape shape, LayerSite site) => shape as MapShape
        ?? throw new ShapeFailure(FeaturesIntoMapLayer(site.Span, site.Text, ((FeatureShape)shape).Features));

    /// <summary>An int argument, or the fallback when it is absent (or not an int, at a point that cannot be built).</summary>
    private protected static long Int(IReadOnlyDictionary<string, Value> arguments, string name, long fallback) =>
        (arguments.GetValueOrDefault(name) as IntValue)?.Value ?? fallback;

    /// <summary>Whether the layer has a bias: unless 'bias: false' is given.</summary>
    private protected static bool Bias(IReadOnlyDictionary<string, Value> arguments) =>
        arguments.GetValueOrDefault("bias") is not BoolValue { Value: false };
}
