using HyperDsl.Compiler.Checking;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Tests;

/// <summary>The shapes an editor shows at a layer: every one the shape check walks there, found by the layer's syntax.</summary>
public class LayerShapesTests
{
    private const string Spec = """
        block stage(out: int) {
          conv(out, kernel: 3, padding: same)
          maxpool(2)
        }
        experiment e {
          data { source synthetic(count: 8, shape: [1, 16, 16], classes: 2); validation 20% }
          params { width ~ choice(4, 8) }
          model {
            stage(width)
            stage(2 * width)
            flatten
            linear(2)
          }
          train { epochs 1; optimizer sgd(lr: 0.1) }
          tune { objective maximize val_accuracy }
        }
        """;

    private static IReadOnlyDictionary<LayerSyntax, IReadOnlyList<LayerShape>> Walk()
    {
        var compilation = CompilationHelper.CompileText(Spec);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return LayerShapes.Of(Assert.Single(compilation.Experiments));
    }

    [Fact]
    public void A_layer_in_a_block_has_the_shapes_of_every_use_at_every_point()
    {
        var shapes = Walk();

        var conv = Assert.Single(shapes, s => s.Key.Name.Name == "conv").Value;
        Assert.Equal(
            [new("1x16x16", "4x16x16"), new("4x8x8", "8x8x8"), new("1x16x16", "8x16x16"), new("8x8x8", "16x8x8")],
            conv);
    }

    [Fact]
    public void A_block_use_has_the_shapes_it_takes_and_gives()
    {
        var shapes = Walk();

        var uses = shapes.Where(s => s.Key.Name.Name == "stage").OrderBy(s => s.Key.Span.Start.Line).Select(s => s.Value).ToList();
        Assert.Equal([new LayerShape("1x16x16", "4x8x8"), new LayerShape("1x16x16", "8x8x8")], uses[0]);
        Assert.Equal([new LayerShape("4x8x8", "8x4x4"), new LayerShape("8x8x8", "16x4x4")], uses[1]);
    }
}
