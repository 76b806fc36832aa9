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
}
