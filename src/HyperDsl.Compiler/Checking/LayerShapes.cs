using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// The shapes each layer of a model takes and gives over the architecture points of its space,
/// as the shape check walks them (the same points, the same budget): what an editor shows when
/// pointing at a layer. Walked again on request; a compilation keeps nothing of it.
/// </summary>
public static class LayerShapes
{
    /// <summary>How many distinct input and output pairs are kept per layer; one more says there are more.</summary>
    public const int MaxPairs = 4;

    /// <summary>
    /// The distinct (input, output) shapes of every layer the walk reached, up to <see cref="MaxPairs"/> + 1 each;
    /// empty when the experiment's shapes were not checked (binding errors, no model or source).
    /// </summary>
    public static IReadOnlyDictionary<LayerSyntax, IReadOnlyList<LayerShape>> Of(CheckedExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var shapes = new Dictionary<LayerSyntax, List<LayerShape>>(ReferenceEqualityComparer.Instance);
        if (experiment.Bound is not { } bound || experiment.Shapes is null)
        {
            return new Dictionary<LayerSyntax, IReadOnlyList<LayerShape>>();
        }

        // The walk reads the lowered model, which tells where each layer is written; the editor asks by the layer's syntax.
        var layers = new Dictionary<SourceSpan, LayerSyntax>();
        foreach (var layer in SyntaxWalker.Layers([.. bound.Experiment.Model?.Body ?? [], .. bound.Experiment.Blocks.Values.SelectMany(b => b.Syntax.Body)]))
        {
            layers.TryAdd(layer.Span, layer);
        }

        void Observe(SourceSpan at, TensorShape input, TensorShape output)
        {
            if (!layers.TryGetValue(at, out var layer))
            {
                return;
            }

            if (!shapes.TryGetValue(layer, out var pairs))
            {
                shapes[layer] = pairs = [];
            }

            var pair = new LayerShape(input.Display, output.Display);
            if (pairs.Count <= MaxPairs && !pairs.Contains(pair))
            {
                pairs.Add(pair);
            }
        }

        try
        {
            var budget = new CheckBudget(CheckLimits.MaxCheckStepsPerExperiment, CheckLimits.MaxCheckStepsPerFile);
            new ShapeChecker(bound.Experiment, bound.Model, [], budget, layerObserver: Observe).Check();
        }
        catch (CheckBudgetExceededException)
        {
            // What was walked before the budget ran out is still true.
        }

        var result = new Dictionary<LayerSyntax, IReadOnlyList<LayerShape>>(ReferenceEqualityComparer.Instance);
        foreach (var (layer, pairs) in shapes)
        {
            result[layer] = pairs;
        }

        return result;
    }
}

/// <summary>A layer's input and output shape at some point of the space, as <c>hyp check --summary</c> writes shapes.</summary>
/// <param name="Input">The shape it takes.</param>
/// <param name="Output">The shape it gives.</param>
public sealed record LayerShape(string Input, string Output);
