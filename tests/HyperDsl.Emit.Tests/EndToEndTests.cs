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

    [Fact]
    public void Freezing_a_backbone_then_replacing_its_head_trains_the_new_head_only()
    {
        Runtime.TorchRuntime.EnsureInitialized();
        const string spec = """
            experiment head_only {
              data { source synthetic(count: 24, shape: [3, 32, 32], classes: 2); validation 25% }
              params { lr ~ loguniform(1e-3, 1e-2) }
              model {
                resnet18
                freeze all
                replace fc with linear(2)
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
        using var backboneBefore = parameters["conv1.weight"].detach().clone();
        using var headBefore = parameters["fc.weight"].detach().clone();

        using var data = (Runtime.Data.DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [7L, null])!;
        var training = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;
        var result = new Trainer(training).Fit(model, data);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(2 * 512 + 2, checkedParameters);
        Assert.Equal(checkedParameters, Runtime.Models.ModelParameters.CountTrainable(model));
        Assert.True(parameters["conv1.weight"].cpu().eq(backboneBefore).all().item<bool>(), "The frozen backbone changed.");
        Assert.False(parameters["fc.weight"].cpu().eq(headBefore).all().item<bool>(), "The new head did not train.");
    }

    [Fact]
    public void Freezing_a_mobilenet_then_replacing_its_classifier_trains_a_new_three_class_head_only()
    {
        Runtime.TorchRuntime.EnsureInitialized();
        const string spec = """
            experiment mobile_head {
              data { source synthetic(count: 24, shape: [3, 32, 32], classes: 3); validation 25% }
              params { lr ~ loguniform(1e-3, 1e-2) }
              model {
                mobilenet_v3_small
                freeze all
                replace classifier with linear(3)
              }
              train { epochs 1; batch 8; optimizer sgd(lr: lr) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var compilation = HypCompilation.Create([SyntaxTree.Parse(spec, "mobile.hyp")]);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.Empty(diagnostics);
        var checkedParameters = compilation.Experiments[0].Shapes!.MaxParameters;
        var assembly = GeneratedAssembly.Load(sources);
        var experiment = assembly.GetType("HyperDsl.Generated.MobileHeadExperiment")!;
        var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.MobileHeadParams")!, [5e-3])!;
        using var model = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)experiment.GetMethod("BuildModel")!.Invoke(null, [point])!;
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var backboneBefore = parameters["features.0.0.weight"].detach().clone();
        using var headBefore = parameters["classifier.weight"].detach().clone();

        using var data = (Runtime.Data.DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [7L, null])!;
        var training = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;
        var result = new Trainer(training).Fit(model, data);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(576 * 3 + 3, checkedParameters);
        Assert.Equal(checkedParameters, Runtime.Models.ModelParameters.CountTrainable(model));
        Assert.Equal([3L, 576], parameters["classifier.weight"].shape);
        Assert.True(parameters["features.0.0.weight"].cpu().eq(backboneBefore).all().item<bool>(), "The frozen backbone changed.");
        Assert.False(parameters["classifier.weight"].cpu().eq(headBefore).all().item<bool>(), "The new head did not train.");
    }
}
