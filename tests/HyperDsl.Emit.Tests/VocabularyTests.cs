using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Runtime.Training;
using HyperDsl.TestKit;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// The vocabulary added for issue 17 (CIFAR data, ReLU6/Hardswish/ELU/Mish, cyclic, warm-restart
/// and polynomial schedules, focal loss and class weights): each checks, compiles and trains a
/// trial with the parameter count the checker gave.
/// </summary>
public sealed class VocabularyTests : IDisposable
{
    private readonly string _cifar = Path.Combine(Path.GetTempPath(), "hyp-vocabulary-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cifar))
        {
            Directory.Delete(_cifar, recursive: true);
        }
    }

    [Fact]
    public void CIFAR_10_with_the_new_activations_a_cyclic_schedule_and_focal_loss_trains_and_learns()
    {
        CifarFiles.WriteCifar10(_cifar, perBatch: 100, test: 50, seed: 3);
        var result = Train("cifar_vocab", $$"""
            experiment cifar_vocab {
              data { source cifar10("{{_cifar}}"); validation 20% }
              model {
                conv(8); relu6
                conv(8); hardswish
                maxpool(2)
                conv(8); elu(alpha: 0.5)
                conv(8); mish
                global_avgpool
                linear(10)
              }
              train {
                epochs 4; batch 32; seed 1
                optimizer adam(lr: 0.01)
                loss focal(gamma: 2, alpha: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
                schedule cyclic(base_lr: 0.002, max_lr: 0.02, step: 1 epochs, mode: triangular2)
              }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);

        Assert.True(result.Last!.ValAccuracy > 0.5, $"Validation accuracy after four epochs was {result.Last.ValAccuracy} (chance is 0.1; 0.86 when written).");
    }

    [Theory]
    [InlineData("warmup(1 epochs) then cosine_restarts(period: 1 epochs, mult: 2, min_lr: 1e-4)", "cross_entropy(weights: [1, 3])")]
    [InlineData("polynomial(power: 2, end_lr: 1e-4)", "cross_entropy(label_smoothing: 0.1, weights: [0.5, 1.5])")]
    [InlineData("cyclic(base_lr: 1e-3, max_lr: 1e-2, step: 3 steps, mode: exp_range, gamma: 0.9)", "focal")]
    public void A_schedule_and_a_loss_of_the_new_vocabulary_train_a_trial(string schedule, string loss)
    {
        var result = Train("vocab", $$"""
            experiment vocab {
              data { source synthetic(count: 48, shape: [1, 8, 8], classes: 2); validation 25% }
              model { conv(4); relu6; flatten; linear(2) }
              train {
                epochs 3; batch 8
                optimizer adam(lr: 1e-3)
                schedule {{schedule}}
                loss {{loss}}
              }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);

        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss), $"Training loss {e.TrainLoss}."));
    }

    // Checks, generates, compiles and trains the spec's one point, with the checker's parameter count.
    private static TrainingResult Train(string name, string spec)
    {
        Runtime.TorchRuntime.EnsureInitialized();
        var compilation = HypCompilation.Create([SyntaxTree.Parse(spec, name + ".hyp")]);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.Empty(diagnostics);
        var pascal = string.Concat(name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        var assembly = GeneratedAssembly.Load(sources);
        var experiment = assembly.GetType($"HyperDsl.Generated.{pascal}Experiment")!;
        var point = Activator.CreateInstance(assembly.GetType($"HyperDsl.Generated.{pascal}Params")!)!;
        TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Build() =>
            (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)experiment.GetMethod("BuildModel")!.Invoke(null, [point])!;
        using (var counted = Build())
        {
            Assert.Equal(compilation.Experiments[0].Shapes!.MaxParameters, Runtime.Models.ModelParameters.CountTrainable(counted));
        }

        using var data = (Runtime.Data.DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [7L, null])!;
        var training = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;
        // Built after the trainer seeds, as a trial is: LibTorch's unseeded generator differs per process.
        var result = new Trainer(training).Fit(Build, data);
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        return result;
    }
}
