using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>The layers of dense prediction (named skips, upsample, conv_transpose, aspp) train in a generated classifier.</summary>
public class DensePredictionLayerTests
{
    [Fact]
    public void A_classifier_with_named_skips_upsampling_and_aspp_trains_one_epoch_through_every_path()
    {
        Runtime.TorchRuntime.EnsureInitialized();
        const string Spec = """
            experiment unet_classifier {
              data { source synthetic(count: 16, shape: [3, 16, 16], classes: 2); validation 25% }
              params {
                lr ~ loguniform(1e-3, 1e-2)
                mode ~ choice(nearest, bilinear)
              }
              model {
                conv(4, padding: same); relu
                save full
                maxpool(2)
                conv(8, padding: same); relu
                save half
                maxpool(2)
                aspp(out: 8, rates: [1, 2])
                conv_transpose(8, kernel: 2, stride: 2)
                add half
                upsample(scale: 2, mode: mode)
                concat full
                conv(4, kernel: 1)
                global_avgpool
                linear(2)
              }
              train { epochs 1; batch 4; optimizer sgd(lr: lr, momentum: 0.9) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var compilation = HypCompilation.Create([SyntaxTree.Parse(Spec, "unet.hyp")]);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.Empty(diagnostics);
        var assembly = GeneratedAssembly.Load(sources);
        var experiment = assembly.GetType("HyperDsl.Generated.UnetClassifierExperiment")!;
        var mode = Enum.Parse(assembly.GetType("HyperDsl.Generated.UnetClassifierMode")!, "Bilinear");
        var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.UnetClassifierParams")!, [5e-3, mode])!;
        using var model = (nn.Module<Tensor, Tensor>)experiment.GetMethod("BuildModel")!.Invoke(null, [point])!;
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        // The first convolution reaches the output only through the saved 'full' map and the path below it;
        // the ASPP's projection only through the decoder.
        using var firstBefore = parameters["conv1.weight"].detach().clone();
        using var projectBefore = parameters["aspp1.project.0.weight"].detach().clone();

        using var data = (Runtime.Data.DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [7L, null])!;
        var training = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;
        var result = new Trainer(training).Fit(model, data);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.True(double.IsFinite(result.Last!.TrainLoss), $"The training loss was {result.Last.TrainLoss}.");
        Assert.Equal(compilation.Experiments[0].Shapes!.MaxParameters, Runtime.Models.ModelParameters.CountTrainable(model));
        Assert.False(parameters["conv1.weight"].cpu().eq(firstBefore).all().item<bool>(), "The first convolution did not train.");
        Assert.False(parameters["aspp1.project.0.weight"].cpu().eq(projectBefore).all().item<bool>(), "The ASPP's projection did not train.");
    }
}
