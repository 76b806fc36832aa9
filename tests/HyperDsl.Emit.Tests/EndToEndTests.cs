using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Runtime.Training;
using HyperDsl.TestKit;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>Spec text to a trained trial: check, generate, compile in memory, sample, load data, train.</summary>
public class EndToEndTests
{
    private static string SmallFashionMnist => FashionMnistSmall.Directory;

    [Fact]
    public void The_fashion_example_trains_a_sampled_trial_end_to_end()
    {
        Runtime.TorchRuntime.EnsureInitialized();
        var spec = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "fashion-mnist-cnn.hyp"))
            .Replace("/usr/share/datasets/fashion-mnist", SmallFashionMnist, StringComparison.Ordinal)
            .Replace("epochs    10", "epochs    2", StringComparison.Ordinal);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(spec, "fashion.hyp")]));
        Assert.Empty(diagnostics);
        var assembly = GeneratedAssembly.Load(sources);
        var experiment = assembly.GetType("HyperDsl.Generated.FashionCnnExperiment")!;
        var optimizer = Enum.Parse(assembly.GetType("HyperDsl.Generated.FashionCnnOptimizer")!, "Adam");
        var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.FashionCnnParams")!, [2e-3, 128, 2, 16, 0.1, optimizer, null, 0, 0.5])!;

        using var data = (Runtime.Data.DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [7L, null])!;
        var result = (TrainingResult)experiment.GetMethod("RunTrial")!.Invoke(null, [point, data])!;

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(2, result.Epochs.Count);
        Assert.True(result.Last!.ValAccuracy > 0.6, $"Validation accuracy after two epochs was {result.Last.ValAccuracy}.");
    }

    [Theory]
    [InlineData("resnet18", "fc", 2, 512, "conv1.weight")]
    [InlineData("mobilenet_v3_small", "classifier", 3, 576, "features.0.0.weight")]
    public void Freezing_a_backbone_then_replacing_its_head_trains_the_new_head_only(string backbone, string head, int classes, int features, string backboneWeight)
    {
        Runtime.TorchRuntime.EnsureInitialized();
        var spec = $$"""
            experiment head_only {
              data { source synthetic(count: 24, shape: [3, 32, 32], classes: {{classes}}); validation 25% }
              params { lr ~ loguniform(1e-3, 1e-2) }
              model {
                {{backbone}}
                freeze all
                replace {{head}} with linear({{classes}})
              }
              train { epochs 1; batch 8; optimizer sgd(lr: lr) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var compilation = HypCompilation.Create([SyntaxTree.Parse(spec, "head.hyp")]);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.Empty(diagnostics);
        var checkedParameters = compilation.Experiments[0].Shapes!.MaxParameters;
        var assembly = GeneratedAssembly.Load(sources);
        var experiment = assembly.GetType("HyperDsl.Generated.HeadOnlyExperiment")!;
        var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.HeadOnlyParams")!, [5e-3])!;
        using var model = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)experiment.GetMethod("BuildModel")!.Invoke(null, [point])!;
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var headWeight = head + ".weight";
        using var backboneBefore = parameters[backboneWeight].detach().clone();
        using var headBefore = parameters[headWeight].detach().clone();

        using var data = (Runtime.Data.DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [7L, null])!;
        var training = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;
        var result = new Trainer(training).Fit(model, data);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal((features * classes) + classes, checkedParameters);
        Assert.Equal(checkedParameters, Runtime.Models.ModelParameters.CountTrainable(model));
        Assert.Equal([classes, (long)features], parameters[headWeight].shape);
        Assert.True(parameters[backboneWeight].cpu().eq(backboneBefore).all().item<bool>(), "The frozen backbone changed.");
        Assert.False(parameters[headWeight].cpu().eq(headBefore).all().item<bool>(), "The new head did not train.");
    }
}
