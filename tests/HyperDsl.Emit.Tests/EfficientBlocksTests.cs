using HyperDsl.Compiler;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Emit;
using HyperDsl.Runtime;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// separable_conv, squeeze_excite and inverted_residual as generated code builds them: the modules
/// each contains, what they compute, and a spec using them that trains.
/// </summary>
public class EfficientBlocksTests
{
    [Fact]
    public void A_spec_with_inverted_residuals_and_squeeze_excitation_trains_a_trial()
    {
        var (compilation, assembly) = Compile("mobile", """
            experiment mobile {
              data { source synthetic(count: 32, shape: [3, 8, 8], classes: 2); validation 25% }
              params { e ~ choice(4, 6) }
              model {
                conv(8, kernel: 3, padding: 1); batchnorm; hardswish
                inverted_residual(8, expand: e, se: true, activation: hardswish)
                inverted_residual(12, expand: 4, stride: 2)
                separable_conv(16); batchnorm; relu
                squeeze_excite(reduction: 4, gate: hardsigmoid)
                global_avgpool; linear(2)
              }
              train { epochs 1; batch 8; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        var experiment = assembly.GetType("HyperDsl.Generated.MobileExperiment")!;
        var bound = compilation.Experiments[0].Bound!;
        var space = new SpaceEnumerator(bound.Model).Enumerate(new ShapeChecker(bound.Experiment, bound.Model, []).RelevantParameters).Points.Last();
        var point = ModelAgreementTests.CreateParameters(assembly.GetType("HyperDsl.Generated.MobileParams")!, [.. bound.Parameters.Where(p => !p.IsFixed)], space);
        using var model = (nn.Module<Tensor, Tensor>)experiment.GetMethod("BuildModel")!.Invoke(null, [point])!;
        var shapes = compilation.Experiments[0].Shapes!;
        Assert.InRange(ModelParameters.CountTrainable(model), shapes.MinParameters, shapes.MaxParameters);

        using var data = (Runtime.Data.DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [7L, null])!;
        var training = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;
        var result = new Trainer(training).Fit(model, data);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss), $"Training loss {e.TrainLoss}."));
    }

    [Fact]
    public void A_separable_convolution_is_a_depthwise_convolution_without_bias_then_a_pointwise_one_with_bias()
    {
        TorchRuntime.EnsureInitialized();
        using var model = new ModelBuilder(4, 6, 6).SeparableConv(10, kernel: 5).Build();
        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);

        Assert.Equal(["separable_conv1.depthwise.weight", "separable_conv1.pointwise.weight", "separable_conv1.pointwise.bias"], shapes.Keys);
        Assert.Equal([4L, 1, 5, 5], shapes["separable_conv1.depthwise.weight"]);
        Assert.Equal([10L, 4, 1, 1], shapes["separable_conv1.pointwise.weight"]);
        using var output = model.call(ones(2, 4, 6, 6));
        Assert.Equal([2L, 10, 6, 6], output.shape);
    }

    [Theory]
    [InlineData(SqueezeGate.Sigmoid, 0.95257413)]
    [InlineData(SqueezeGate.Hardsigmoid, 1.0)]
    public void Squeeze_and_excitation_scales_each_channel_by_its_gate(SqueezeGate gate, double scale)
    {
        TorchRuntime.EnsureInitialized();
        using var model = new ModelBuilder(4, 3, 3).SqueezeExcite(reduction: 2, gate: gate).Build();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            // With no weights the excitation is fc2's bias: 3 on every channel, which the gate turns into the scale.
            foreach (var (name, parameter) in parameters)
            {
                parameter.fill_(name == "squeeze_excite1.fc2.bias" ? 3 : 0);
            }
        }

        Assert.Equal([2L, 4, 1, 1], parameters["squeeze_excite1.fc1.weight"].shape);
        using var input = rand(2, 4, 3, 3);
        using var output = model.call(input);
        Assert.True(output.allclose(input * scale, rtol: 1e-5, atol: 1e-6), $"The output is not the input scaled by {scale}.");
    }

    [Theory]
    [InlineData(1, 8, true)]
    [InlineData(2, 8, false)]
    [InlineData(1, 12, false)]
    public void An_inverted_residual_adds_its_input_only_when_it_keeps_the_shape(int stride, int channels, bool adds)
    {
        TorchRuntime.EnsureInitialized();
        using var model = new ModelBuilder(8, 4, 4).InvertedResidual(channels, expand: 2, stride: stride).Build();
        using (no_grad())
        {
            // Zero projection weights: the block's own output is zero, so what remains is the shortcut.
            foreach (var (name, parameter) in model.named_parameters().Where(p => p.name.StartsWith("inverted_residual1.block.project.", StringComparison.Ordinal)))
            {
                parameter.fill_(0);
            }
        }

        model.eval();
        using var input = rand(1, 8, 4, 4);
        using var output = model.call(input);

        Assert.Equal([1L, channels, stride == 1 ? 4 : 2, stride == 1 ? 4 : 2], output.shape);
        Assert.Equal(adds, output.shape.SequenceEqual(input.shape) && output.allclose(input));
    }

    [Fact]
    public void An_inverted_residual_names_its_parts_expand_depthwise_se_and_project()
    {
        TorchRuntime.EnsureInitialized();
        using var model = new ModelBuilder(4, 5, 5).InvertedResidual(6, expand: 3, kernel: 5, se: true, activation: BlockActivation.Silu).Build();
        var names = model.named_parameters().Select(p => p.name).ToList();

        Assert.Equal(
        [
            "inverted_residual1.block.expand.conv.weight", "inverted_residual1.block.expand.bn.weight", "inverted_residual1.block.expand.bn.bias",
            "inverted_residual1.block.depthwise.conv.weight", "inverted_residual1.block.depthwise.bn.weight", "inverted_residual1.block.depthwise.bn.bias",
            "inverted_residual1.block.se.fc1.weight", "inverted_residual1.block.se.fc1.bias", "inverted_residual1.block.se.fc2.weight", "inverted_residual1.block.se.fc2.bias",
            "inverted_residual1.block.project.conv.weight", "inverted_residual1.block.project.bn.weight", "inverted_residual1.block.project.bn.bias",
        ], names);
        // The expansion's and the depthwise convolution's activations.
        Assert.Equal(2, model.modules().OfType<TorchSharp.Modules.SiLU>().Count());
    }

    [Theory]
    [InlineData("relu6", "sigmoid", typeof(TorchSharp.Modules.ReLU6), typeof(TorchSharp.Modules.Sigmoid))]
    [InlineData("hardswish", "hardsigmoid", typeof(TorchSharp.Modules.Hardswish), typeof(TorchSharp.Modules.Hardsigmoid))]
    [InlineData("silu", "sigmoid", typeof(TorchSharp.Modules.SiLU), typeof(TorchSharp.Modules.Sigmoid))]
    [InlineData("relu", "hardsigmoid", typeof(TorchSharp.Modules.ReLU), typeof(TorchSharp.Modules.Hardsigmoid))]
    public void A_searched_activation_and_gate_build_the_chosen_modules(string activation, string gate, Type activationModule, Type gateModule)
    {
        var (compilation, assembly) = Compile("chosen", """
            experiment chosen {
              data { source synthetic(count: 16, shape: [4, 6, 6], classes: 2); validation 20% }
              params {
                act ~ choice(relu6, relu, hardswish, silu)
                g ~ choice(sigmoid, hardsigmoid)
              }
              model { inverted_residual(4, expand: 2, activation: act); squeeze_excite(gate: g); global_avgpool; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        var bound = compilation.Experiments[0].Bound!;
        var sampled = bound.Parameters.Where(p => !p.IsFixed).ToList();
        var point = new Dictionary<Compiler.Binding.ParameterSymbol, Compiler.Semantics.Value>
        {
            [sampled.Single(p => p.Name == "act")] = new Compiler.Semantics.EnumValue(activation),
            [sampled.Single(p => p.Name == "g")] = new Compiler.Semantics.EnumValue(gate),
        };
        var parameters = ModelAgreementTests.CreateParameters(assembly.GetType("HyperDsl.Generated.ChosenParams")!, sampled, point);
        using var model = (nn.Module<Tensor, Tensor>)assembly.GetType("HyperDsl.Generated.ChosenExperiment")!.GetMethod("BuildModel")!.Invoke(null, [parameters])!;
        var modules = model.named_modules().ToList();

        // The block's expansion and depthwise activations, and the squeeze-and-excitation's gate.
        Assert.Equal(2, modules.Count(m => m.name.StartsWith("inverted_residual1.", StringComparison.Ordinal) && m.module.GetType() == activationModule));
        Assert.Single(modules, m => m.name == "squeeze_excite1.gate" && m.module.GetType() == gateModule);
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
}
