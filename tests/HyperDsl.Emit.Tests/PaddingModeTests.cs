using HyperDsl.Compiler;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Runtime;
using HyperDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// conv's padding_mode, fixed or searched, builds a convolution that pads as the mode says: its output
/// is the unpadded convolution of the input padded by hand in that mode.
/// </summary>
public class PaddingModeTests
{
    [Fact]
    public void A_conv_with_reflect_padding_trains_a_trial_and_pads_by_mirroring()
    {
        var (compilation, assembly) = Compile("reflected", """
            experiment reflected {
              data { source synthetic(count: 32, shape: [1, 6, 6], classes: 2); validation 25% }
              model { conv(4, kernel: 3, padding: 2, padding_mode: reflect); relu; flatten; linear(2) }
              train { epochs 1; batch 8; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        var experiment = assembly.GetType("HyperDsl.Generated.ReflectedExperiment")!;
        var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.ReflectedParams")!)!;
        using var model = (nn.Module<Tensor, Tensor>)experiment.GetMethod("BuildModel")!.Invoke(null, [point])!;
        Assert.Equal(compilation.Experiments[0].Shapes!.MaxParameters, Runtime.Models.ModelParameters.CountTrainable(model));

        AssertPads(model, PaddingModes.Reflect, pixels: 2, size: 6);
        using var data = (Runtime.Data.DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [7L, null])!;
        var training = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;
        var result = new Trainer(training).Fit(model, data);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss), $"Training loss {e.TrainLoss}."));
    }

    [Fact]
    public void A_searched_padding_mode_builds_each_chosen_mode()
    {
        var (compilation, assembly) = Compile("e", """
            experiment e {
              data { source synthetic(count: 32, shape: [1, 5, 5], classes: 2); validation 20% }
              params { m ~ choice(zeros, reflect, replicate, circular) }
              model { conv(2, kernel: 3, padding: 1, padding_mode: m); flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 4 }
            }
            """);
        var bound = Assert.Single(compilation.Experiments).Bound!;
        var shapes = new ShapeChecker(bound.Experiment, bound.Model, []);
        var mode = bound.Parameters.Single(p => p.Name == "m");
        var points = new SpaceEnumerator(bound.Model).Enumerate(shapes.RelevantParameters).Points;

        Assert.Equal(4, points.Count());
        foreach (var point in points)
        {
            var parameters = ModelAgreementTests.CreateParameters(assembly.GetType("HyperDsl.Generated.EParams")!, [.. bound.Parameters.Where(p => !p.IsFixed)], point);
            using var model = (nn.Module<Tensor, Tensor>)assembly.GetType("HyperDsl.Generated.EExperiment")!.GetMethod("BuildModel")!.Invoke(null, [parameters])!;
            var chosen = ((EnumValue)point[mode]).Member;
            var expected = chosen == "zeros" ? PaddingModes.Constant : Enum.Parse<PaddingModes>(chosen, ignoreCase: true);

            AssertPads(model, expected, pixels: 1, size: 5);
        }
    }

    private static (HypCompilation Compilation, System.Reflection.Assembly Assembly) Compile(string name, string spec)
    {
        TorchRuntime.EnsureInitialized();
        var compilation = HypCompilation.Create([SyntaxTree.Parse(spec, name + ".hyp")]);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.Empty(diagnostics);
        return (compilation, GeneratedAssembly.Load(sources));
    }

    // The model's convolution on a ramp image equals the unpadded convolution of that image padded by hand.
    private static void AssertPads(nn.Module<Tensor, Tensor> model, PaddingModes mode, long pixels, long size)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var conv = Assert.Single(model.modules().OfType<TorchSharp.Modules.Conv2d>());
        var input = arange(1, (size * size) + 1, dtype: float32).reshape(1, 1, size, size);
        var padded = nn.functional.pad(input, [pixels, pixels, pixels, pixels], mode);
        var expected = nn.functional.conv2d(padded, conv.weight!, conv.bias);

        Assert.True(conv.forward(input).allclose(expected, rtol: 1e-5, atol: 1e-5), $"The convolution does not pad as {mode}.");
    }
}
