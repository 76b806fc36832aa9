using HyperDsl.Runtime.Training;

namespace HyperDsl.Emit.Tests;

/// <summary>The generated Training(p) carries the train section's settings, evaluated at the point.</summary>
public class TrainingOptionsTests
{
    private static readonly Lazy<System.Reflection.Assembly> Fashion = new(() => GeneratedAssembly.Load(EmitterTests.Generate("fashion-mnist-cnn.hyp").Sources));

    private static TrainingOptions Training(string optimizer, double? momentum)
    {
        var assembly = Fashion.Value;
        var choice = Enum.Parse(assembly.GetType("HyperDsl.Generated.FashionCnnOptimizer")!, optimizer);
        var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.FashionCnnParams")!, [3e-3, 128, 2, 32, 0.1, choice, momentum, 10, 0.5])!;
        return (TrainingOptions)assembly.GetType("HyperDsl.Generated.FashionCnnExperiment")!.GetMethod("Training")!.Invoke(null, [point])!;
    }

    [Fact]
    public void Settings_and_parameters_reach_the_training_options()
    {
        var options = Training("Adam", null);

        Assert.Equal(10, options.Epochs);
        Assert.Equal(128, options.BatchSize);
        Assert.Equal(3e-3, options.Optimizer.LearningRate);
        Assert.Equal(1e-4, options.Optimizer.WeightDecay);
        Assert.StartsWith("adam(", options.Optimizer.ToString(), StringComparison.Ordinal);
        Assert.Contains(" then cosine(", options.Schedule.ToString(), StringComparison.Ordinal);
        Assert.NotNull(options.Augmentation);
    }

    [Fact]
    public void A_schedule_length_from_a_derived_parameter_is_generated_at_each_point()
    {
        const string spec = """
            experiment warm {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25% }
              params {
                w ~ choice(1, 2)
                warmup_length = w epochs
                interval = (w + 1) steps
              }
              model { flatten; linear(2) }
              train { epochs 4; optimizer adam(lr: 1e-3); schedule warmup(warmup_length) then step(every: interval) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var assembly = Compile(spec, "warm.hyp");

        string ScheduleAt(int w)
        {
            var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.WarmParams")!, [w])!;
            var options = (TrainingOptions)assembly.GetType("HyperDsl.Generated.WarmExperiment")!.GetMethod("Training")!.Invoke(null, [point])!;
            return options.Schedule.ToString()!;
        }

        Assert.Equal("warmup(1 epoch) then step(every: 2 steps, gamma: 0.1)", ScheduleAt(1));
        Assert.Equal("warmup(2 epochs) then step(every: 3 steps, gamma: 0.1)", ScheduleAt(2));
    }

    [Fact]
    public void The_match_on_the_optimizer_chooses_sgd_with_its_conditional_momentum()
    {
        var options = Training("Sgd", 0.9);

        Assert.Equal("sgd(lr: 0.003, momentum: 0.9, nesterov: false, weight_decay: 0.0001)", options.Optimizer.ToString());
    }

    [Fact]
    public void A_list_of_gpus_trains_on_the_first_and_gives_the_study_one_trial_per_gpu()
    {
        const string spec = """
            experiment gpus {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25% }
              params { lr ~ loguniform(1e-3, 1e-1) }
              model { flatten; linear(2) }
              train { epochs 1; optimizer sgd(lr: lr); device cuda: 2, cuda: 3 }
              tune { objective maximize val_accuracy; trials 4 }
            }
            """;
        var assembly = Compile(spec, "gpus.hyp");
        var experiment = assembly.GetType("HyperDsl.Generated.GpusExperiment")!;
        var point = Activator.CreateInstance(experiment.Assembly.GetType("HyperDsl.Generated.GpusParams")!, [0.01])!;

        var options = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;
        var plan = (HyperDsl.Runtime.Studies.StudyPlan)experiment.GetProperty("Plan")!.GetValue(null)!;

        Assert.Equal(HyperDsl.Runtime.DeviceChoice.Cuda, options.Device);
        Assert.Equal(2, options.CudaIndex);
        Assert.Equal([2, 3], plan.CudaDevices);
        Assert.Equal(2, plan.Parallel);
    }

    [Theory]
    [InlineData("", TrainingPrecision.Fp32)]
    [InlineData("; precision fp32", TrainingPrecision.Fp32)]
    [InlineData("; precision bf16", TrainingPrecision.Bf16)]
    [InlineData("; precision fp16", TrainingPrecision.Fp16)]
    public void The_precision_setting_reaches_the_training_options(string setting, TrainingPrecision expected)
    {
        var spec = $$"""
            experiment mixed {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25% }
              params { lr ~ loguniform(1e-3, 1e-1) }
              model { flatten; linear(2) }
              train { epochs 1; optimizer sgd(lr: lr){{setting}} }
              tune { objective maximize val_accuracy; trials 4 }
            }
            """;
        var experiment = Compile(spec, "mixed.hyp").GetType("HyperDsl.Generated.MixedExperiment")!;
        var point = Activator.CreateInstance(experiment.Assembly.GetType("HyperDsl.Generated.MixedParams")!, [0.01])!;

        var options = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;

        Assert.Equal(expected, options.Precision);
    }

    [Fact]
    public void Searched_epochs_train_each_trial_for_its_own_count_and_the_plan_budgets_the_largest()
    {
        const string spec = """
            experiment longer {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25% }
              params {
                epochs ~ int(4, 8)
                decay  = [floor(epochs / 2.0), epochs - 1] epochs
                budget = 6
              }
              model { flatten; linear(2) }
              train { epochs epochs; optimizer sgd(lr: 0.1); schedule multistep(at: decay, gamma: 0.5) }
              tune { objective maximize val_accuracy; trials budget }
            }
            """;
        var assembly = Compile(spec, "longer.hyp");
        var experiment = assembly.GetType("HyperDsl.Generated.LongerExperiment")!;

        TrainingOptions At(int epochs) =>
            (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [Activator.CreateInstance(experiment.Assembly.GetType("HyperDsl.Generated.LongerParams")!, [epochs])!])!;
        var plan = (HyperDsl.Runtime.Studies.StudyPlan)experiment.GetProperty("Plan")!.GetValue(null)!;

        Assert.Equal(5, At(5).Epochs);
        Assert.Equal("multistep(at: [2, 4], gamma: 0.5)", At(5).Schedule.ToString());
        Assert.Equal("multistep(at: [4, 7], gamma: 0.5)", At(8).Schedule.ToString());
        Assert.Equal(8, plan.Epochs);
        Assert.Equal(6, plan.Trials);
    }

    [Theory]
    [InlineData("lr ~ loguniform(1e-4, 1e-1)\n width ~ int(4, 16)", "gp")]
    [InlineData("lr ~ loguniform(1e-4, 1e-1)\n act ~ choice(relu, gelu)", "tpe")]
    public void Sampler_auto_constructs_the_sampler_the_checker_picked(string parameters, string picked)
    {
        var spec = $$"""
            experiment picking {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25% }
              params {
                {{parameters}}
              }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: lr) }
              tune { objective maximize val_accuracy; sampler auto; trials 40 }
            }
            """;
        var compilation = HyperDsl.Compiler.HypCompilation.Create([HyperDsl.Syntax.SyntaxTree.Parse(spec, "picking.hyp")]);
        var (sources, diagnostics) = HyperDsl.Compiler.Emit.HypCompilationEmitter.Emit(compilation);
        Assert.Empty(diagnostics.Where(d => d.IsError));
        var experiment = GeneratedAssembly.Load(sources).GetType("HyperDsl.Generated.PickingExperiment")!;
        var plan = (HyperDsl.Runtime.Studies.StudyPlan)experiment.GetProperty("Plan")!.GetValue(null)!;

        Assert.Equal(picked, plan.Sampler.Name);
        Assert.Equal(picked, compilation.Experiments.Single().PickedSampler?.Sampler);
    }

    [Fact]
    public void Study_settings_from_fixed_values_reach_the_plan_durations_included()
    {
        // 'timeout budget' with 'budget = 2h' checked clean, then generation refused the duration (HYP5001), and a generator that read only a written duration would drop the limit.
        const string spec = """
            experiment limited {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25% }
              params {
                lr     ~ loguniform(1e-3, 1e-1)
                budget = 2h
                half   = budget
                seeds  = 7
              }
              model { flatten; linear(2) }
              train { epochs 1; optimizer sgd(lr: lr); seed seeds }
              tune { objective maximize val_accuracy; timeout half; trials 3; seed seeds + 1 }
            }
            """;
        var assembly = Compile(spec, "limited.hyp");
        var plan = (HyperDsl.Runtime.Studies.StudyPlan)assembly.GetType("HyperDsl.Generated.LimitedExperiment")!.GetProperty("Plan")!.GetValue(null)!;

        Assert.Equal(TimeSpan.FromHours(2), plan.Timeout);
        Assert.Equal(7, plan.TrainingSeed);
        Assert.Equal(8, plan.Seed);
    }

    [Theory]
    [InlineData("asha(min_epochs: 2, reduction: 4, promote: true)", true)]
    [InlineData("asha(min_epochs: 2, reduction: 4)", false)]
    public void Asha_promote_reaches_the_plan_and_makes_the_pruner_pause_and_promote(string pruner, bool promotes)
    {
        var spec = $$"""
            experiment halving {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25% }
              params { lr ~ loguniform(1e-3, 1e-1) }
              model { flatten; linear(2) }
              train { epochs 20; optimizer sgd(lr: lr) }
              tune { objective maximize val_accuracy; trials 3; pruner {{pruner}} }
            }
            """;
        var assembly = Compile(spec, "halving.hyp");
        var plan = (HyperDsl.Runtime.Studies.StudyPlan)assembly.GetType("HyperDsl.Generated.HalvingExperiment")!.GetProperty("Plan")!.GetValue(null)!;

        Assert.Equal(new HyperDsl.Runtime.Studies.PrunerChoice.Asha(MinEpochs: 2, Reduction: 4, Promote: promotes), plan.Pruner);
        Assert.Equal(promotes ? [2, 8] : null, plan.Pruner.Promotion(HyperDsl.Runtime.Search.StudyDirection.Maximize, plan.Epochs)?.RungsOf(0));
    }

    // The spec's generated assembly; the spec must check and generate without errors.
    private static System.Reflection.Assembly Compile(string spec, string file)
    {
        var (sources, diagnostics) = HyperDsl.Compiler.Emit.HypCompilationEmitter.Emit(HyperDsl.Compiler.HypCompilation.Create([HyperDsl.Syntax.SyntaxTree.Parse(spec, file)]));
        Assert.Empty(diagnostics.Where(d => d.IsError));
        return GeneratedAssembly.Load(sources);
    }

    [Theory]
    [InlineData("hyperband(min_epochs: 2, reduction: 2, promote: true)", true)]
    [InlineData("hyperband(min_epochs: 2, reduction: 2)", false)]
    public void Hyperband_promote_reaches_the_plan_and_makes_each_bracket_pause_and_promote(string pruner, bool promotes)
    {
        var spec = $$"""
            experiment banded {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25% }
              params { lr ~ loguniform(1e-3, 1e-1) }
              model { flatten; linear(2) }
              train { epochs 16; optimizer sgd(lr: lr) }
              tune { objective maximize val_accuracy; trials 3; pruner {{pruner}} }
            }
            """;
        var (sources, diagnostics) = HyperDsl.Compiler.Emit.HypCompilationEmitter.Emit(HyperDsl.Compiler.HypCompilation.Create([HyperDsl.Syntax.SyntaxTree.Parse(spec, "banded.hyp")]));
        Assert.Empty(diagnostics.Where(d => d.IsError));
        var plan = (HyperDsl.Runtime.Studies.StudyPlan)GeneratedAssembly.Load(sources).GetType("HyperDsl.Generated.BandedExperiment")!.GetProperty("Plan")!.GetValue(null)!;

        Assert.Equal(new HyperDsl.Runtime.Studies.PrunerChoice.Hyperband(MinEpochs: 2, Reduction: 2, Promote: promotes), plan.Pruner);
        var brackets = (plan.Pruner.Promotion(HyperDsl.Runtime.Search.StudyDirection.Maximize, plan.Epochs) as HyperDsl.Runtime.Pruning.PromotingHyperband)?.Brackets.Select(b => b.Rungs.ToArray());
        Assert.Equal(promotes ? [[2, 4, 8], [4, 8], [8], []] : null, brackets);
    }
}
