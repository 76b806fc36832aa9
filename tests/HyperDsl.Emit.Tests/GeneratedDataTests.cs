using System.Reflection;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Training;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// The generated LoadData and Training(p) give the trainer what the checker proved: images of
/// the checked size from every source, rotate with its probability, warmup from its start.
/// </summary>
public class GeneratedDataTests
{
    private const string Spec = """
        experiment tiny_data {
          data {
            source     synthetic(count: 24, shape: [1, 8, 8], classes: 2)
            validation 25%
            test       synthetic(count: 8, shape: [1, 8, 8], classes: 2, seed: 1)
            resize     12
            augment {
              rotate(degrees: 15, p: 0.5)
            }
          }
          params {
            lr ~ loguniform(1e-3, 1e-1)
          }
          model { flatten; linear(2) }
          train {
            epochs    1
            batch     8
            optimizer adam(lr: lr)
            schedule  warmup(2 steps, start: 0.1) then cosine()
          }
          tune { objective maximize val_accuracy; trials 1 }
        }
        """;

    private static readonly Lazy<Type> Experiment = new(() =>
    {
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(Spec, "tiny.hyp")]));
        Assert.Empty(diagnostics);
        return GeneratedAssembly.Load(sources).GetType("HyperDsl.Generated.TinyDataExperiment")!;
    });

    private static object Point(double lr) => Activator.CreateInstance(Experiment.Value.Assembly.GetType("HyperDsl.Generated.TinyDataParams")!, [lr])!;

    private static T Call<T>(string method, params object?[] arguments) => (T)Experiment.Value.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

    [Fact]
    public void Resize_applies_to_every_split_of_a_synthetic_source_as_the_checker_proved()
    {
        using var data = Call<DataSplits>("LoadData", 0L, null);
        var checkedShape = (IReadOnlyList<long>)Experiment.Value.GetProperty("InputShape")!.GetValue(null)!;

        Assert.Equal([1L, 12, 12], checkedShape);
        Assert.Equal(checkedShape, data.Train.ImageShape);
        Assert.Equal(checkedShape, data.Validation!.ImageShape);
        Assert.Equal(checkedShape, data.Test!.ImageShape);
    }

    [Fact]
    public void Rotate_with_a_probability_and_warmup_with_a_start_reach_the_training_options()
    {
        var options = Call<TrainingOptions>("Training", Point(0.01));

        Assert.Equal("warmup(2 steps, start: 0.1) then cosine(min_lr: 0)", options.Schedule.ToString());
        Assert.NotNull(options.Augmentation);
    }

    [Fact]
    public void The_spec_trains_one_epoch_on_the_checked_size()
    {
        using var data = Call<DataSplits>("LoadData", 0L, null);

        var result = Call<TrainingResult>("RunTrial", Point(0.01), data);

        Assert.Single(result.Epochs);
        Assert.False(double.IsNaN(result.Epochs[0].TrainLoss));
    }

    [Theory]
    [InlineData("[0.5]", "[0.25]", 0.5, 0.25)]
    [InlineData("[1]", "if flat { [2] } else { [4] }", 1.0, 2.0)]
    public void Normalize_mean_and_std_given_by_list_parameters_reach_the_training_options(string mean, string std, double expectedMean, double expectedStd)
    {
        // 'flat' is searched only where the std uses it (a parameter nothing uses is warned about); the point takes it true.
        var flat = std.Contains("flat", StringComparison.Ordinal) ? "flat ~ choice(true, false)" : "";
        var spec = $$"""
            experiment listed {
              data {
                source synthetic(count: 8, shape: [1, 8, 8], classes: 2)
                normalize mean: m, std: s
                validation 20%
              }
              params {
                {{flat}}
                m = {{mean}}
                s = {{std}}
              }
              model { flatten; linear(2) }
              train { epochs 1; batch 8; optimizer adam(lr: 1e-2) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(spec, "listed.hyp")]));
        Assert.Empty(diagnostics);
        var experiment = GeneratedAssembly.Load(sources).GetType("HyperDsl.Generated.ListedExperiment")!;
        var parameters = experiment.Assembly.GetType("HyperDsl.Generated.ListedParams")!;
        var point = Activator.CreateInstance(parameters, [.. parameters.GetConstructors().Single().GetParameters().Select(p => p.ParameterType == typeof(bool) ? (object)true : p.DefaultValue)])!;

        var options = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;
        using var images = SyntheticData.Create(2, [1, 4, 4], 2, 0);
        var statistics = options.Normalization.Resolve(images);

        Assert.Equal([expectedMean], statistics.Mean);
        Assert.Equal([expectedStd], statistics.Std);
    }

    // Fixed values from params were refused in the data section (HYP5020, as if they changed from
    // trial to trial); the data is loaded before any point exists, so LoadData writes them out.
    [Fact]
    public void Fixed_values_from_params_reach_the_loaded_data()
    {
        const string Fixed = """
            experiment fixed_data {
              data {
                source     synthetic(count: images, shape: [1, side, side], classes: 2)
                validation split
                resize     size
              }
              params {
                lr     ~ loguniform(1e-3, 1e-1)
                images = 40
                side   = 10
                split  = 25%
                size   = side - 2
              }
              model { flatten; linear(2) }
              train { epochs 1; batch 8; optimizer adam(lr: lr) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(Fixed, "fixed.hyp")]));
        Assert.Empty(diagnostics);
        var experiment = GeneratedAssembly.Load(sources).GetType("HyperDsl.Generated.FixedDataExperiment")!;

        using var data = (DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [0L, null])!;

        Assert.Equal([1L, 8, 8], data.Train.ImageShape);
        Assert.Equal(40, data.Train.Count + data.Validation!.Count);
        Assert.Equal(10, data.Validation.Count);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    public void A_searched_image_size_builds_and_trains_each_point_at_its_checked_size(long size)
    {
        const string Searched = """
            experiment sized {
              data {
                source synthetic(count: 16, shape: [1, 8, 8], classes: 2)
                resize img
                validation 20%
              }
              params {
                img ~ choice(8, 12)
              }
              model { flatten; linear(2) }
              train { epochs 1; batch 8; optimizer adam(lr: 1e-2) }
              tune { objective maximize val_accuracy; trials 2 }
            }
            """;
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(Searched, "sized.hyp")]));
        Assert.Empty(diagnostics);
        var experiment = GeneratedAssembly.Load(sources).GetType("HyperDsl.Generated.SizedExperiment")!;
        var point = Activator.CreateInstance(experiment.Assembly.GetType("HyperDsl.Generated.SizedParams")!, [(int)size])!;
        T Invoke<T>(string method, params object?[] arguments) => (T)experiment.GetMethod(method)!.Invoke(null, arguments)!;

        // The checker walked 1x8x8 and 1x12x12 inputs, flatten then linear(2): 2 * size * size + 2 parameters.
        Assert.Equal([1L, size, size], Invoke<IReadOnlyList<long>>("InputShapeAt", point));
        using (var model = Invoke<TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>>("BuildModel", point))
        {
            Assert.Equal((2 * size * size) + 2, HyperDsl.Runtime.Models.ModelParameters.CountTrainable(model));
        }

        using var data = Invoke<DataSplits>("LoadData", 0L, null);
        Assert.Equal([1L, 8, 8], data.Train.ImageShape);
        var result = Invoke<TrainingResult>("RunTrial", point, data);
        Assert.Single(result.Epochs);
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(10)]
    public void A_searched_crop_size_builds_and_trains_each_point_at_its_crop(long crop)
    {
        const string Cropped = """
            experiment cropped {
              data {
                source synthetic(count: 16, shape: [1, 12, 12], classes: 2)
                augment { random_crop(crop, padding: 1) }
                evaluate { center_crop(crop) }
                validation 20%
              }
              params {
                crop ~ choice(8, 10)
              }
              model { flatten; linear(2) }
              train { epochs 1; batch 8; optimizer adam(lr: 1e-2) }
              tune { objective maximize val_accuracy; trials 2 }
            }
            """;
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(Cropped, "cropped.hyp")]));
        Assert.Empty(diagnostics);
        var experiment = GeneratedAssembly.Load(sources).GetType("HyperDsl.Generated.CroppedExperiment")!;
        var point = Activator.CreateInstance(experiment.Assembly.GetType("HyperDsl.Generated.CroppedParams")!, [(int)crop])!;
        T Invoke<T>(string method, params object?[] arguments) => (T)experiment.GetMethod(method)!.Invoke(null, arguments)!;

        // The data stays 12x12 (no per-trial copy); each trial's pipelines crop it to the point's size, which the model is built for.
        Assert.Null(experiment.GetMethod("ImageSizeAt")!.Invoke(null, [point]));
        Assert.Equal([1L, crop, crop], Invoke<IReadOnlyList<long>>("InputShapeAt", point));
        using (var model = Invoke<TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>>("BuildModel", point))
        {
            Assert.Equal((2 * crop * crop) + 2, HyperDsl.Runtime.Models.ModelParameters.CountTrainable(model));
        }

        using var data = Invoke<DataSplits>("LoadData", 0L, null);
        Assert.Equal([1L, 12, 12], data.Train.ImageShape);
        var result = Invoke<TrainingResult>("RunTrial", point, data);
        Assert.Single(result.Epochs);
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
    }

    [Theory]
    [InlineData("resize [12, 10]", "", "warmup(1 epoch)")]
    [InlineData("resize 10", "rotate(degrees: [-10, 10], p: 0.3)\n hflip(p: 0.2)", "warmup(3 steps, start: 0) then step(every: 1 epoch, gamma: 0.5)")]
    [InlineData("", "translate(0.1)\n color_jitter(brightness: 0.1)\n random_erasing()", "multistep(at: [1 epoch], gamma: 0.5)")]
    [InlineData("", "random_crop(8, padding: 1)\n vflip()", "multistep(at: [2 steps], gamma: 0.5)")]
    [InlineData("", "random_resized_crop(8)", "onecycle(max_lr: 0.1, warmup: 0.2)")]
    [InlineData("", "if 1 == 1 { hflip() }", "constant")]
    [InlineData("", "for i in 0 ..< 2 { hflip() }", "cosine(min_lr: 1e-5)")]
    [InlineData("", "rotate(degrees: 10, p: 1)", "plateau(patience: 1)")]
    public void Data_augmentation_and_schedules_that_check_clean_generate(string resize, string augment, string schedule)
    {
        var spec = $$"""
            experiment probe {
              data {
                source synthetic(count: 16, shape: [1, 8, 8], classes: 2)
                {{resize}}
                augment {
                  {{augment}}
                }
                validation 20%
              }
              model { flatten; linear(2) }
              train { epochs 2; optimizer adam(lr: 1e-3); schedule {{schedule}} }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var compilation = HypCompilation.Create([SyntaxTree.Parse(spec, "probe.hyp")]);
        if (compilation.HasErrors)
        {
            // Refused by the check itself, at its own line, is fine: the promise is about what checks clean.
            Assert.Contains(compilation.Diagnostics, d => d.IsError && d.Code.StartsWith("HYP5", StringComparison.Ordinal) && d.Span.Start.Line > 1);
            return;
        }

        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);

        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.Empty(GeneratedAssembly.Compilation(sources).GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }
}
