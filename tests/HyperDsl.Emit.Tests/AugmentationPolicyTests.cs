using System.Reflection;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Emit;
using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Training;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// The augmentation policies (autoaugment, randaugment, trivialaugment, augmix) and the batch
/// mixings (mixup, cutmix): the C# their catalogue meanings generate, and a tiny trial that trains
/// with them.
/// </summary>
public sealed class AugmentationPolicyTests
{
    private const string R = "global::HyperDsl.Runtime.Augmentation.Augment.";
    private const string Synthetic = "source synthetic(count: 24, shape: [3, 8, 8], classes: 2)";

    private static string Spec(string name, string augment, string parameters = "", string loss = "cross_entropy") => $$"""
        experiment {{name}} {
          data {
            {{Synthetic}}
            validation 25%
            augment { {{augment}} }
          }
          params {
            lr = 1e-3
            {{parameters}}
          }
          model { conv(4); relu; flatten; linear(2) }
          train { epochs 1; batch 8; seed 3; optimizer adam(lr: lr); loss {{loss}} }
          tune { objective maximize val_accuracy; trials 1 }
        }
        """;

    private static string Generate(string spec)
    {
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(spec, "probe.hyp")]));
        Assert.Empty(diagnostics);
        return string.Join("\n", sources.Select(s => s.Text));
    }

    [Theory]
    [InlineData("autoaugment()", "AutoAugment()")]
    [InlineData("autoaugment(policy: svhn)", "AutoAugment(global::HyperDsl.Runtime.Augmentation.AutoAugmentPolicy.Svhn)")]
    [InlineData("randaugment()", "RandAugment(2, 9)")]
    [InlineData("randaugment(magnitude: 12)", "RandAugment(2, 12)")]
    [InlineData("trivialaugment()", "TrivialAugment()")]
    [InlineData("augmix(severity: 2)", "AugMix(2, 3, -1, 1.0)")]
    public void A_policy_is_made_by_the_runtime_call_of_its_meaning(string transform, string expected)
    {
        Assert.Contains($"Augmentation = {R}Pipeline({R}{expected}),", Generate(Spec("probe", transform)), StringComparison.Ordinal);
    }

    [Fact]
    public void Mixup_and_cutmix_go_to_the_trainer_s_mixing_after_the_per_image_pipeline()
    {
        var code = Generate(Spec("probe", "hflip; mixup(alpha: 0.4); cutmix(p: 0.5)"));

        Assert.Contains($"Augmentation = {R}Pipeline({R}HorizontalFlip(0.5)),", code, StringComparison.Ordinal);
        Assert.Contains($"Mixing = {R}Mixing({R}Mixup((double)(0.4)), {R}CutMix(1.0, (double)(0.5))),", code, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transform_s_runtime_call_makes_a_mixing_exactly_when_its_meaning_says_it_mixes_labels()
    {
        foreach (var entry in BuiltinCatalog.Entries.Values.Where(e => e.Transform is not null))
        {
            var method = entry.Transform!.Augment.Method;
            var split = method.LastIndexOf('.');
            var type = typeof(Augment).Assembly.GetType("HyperDsl.Runtime." + method[..split])!;
            var returns = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == method[(split + 1)..]).Select(m => m.ReturnType).Distinct().Single();
            Assert.Equal(entry.Transform.MixesLabels ? typeof(IBatchMixing) : typeof(IBatchAugmentation), returns);
        }
    }

    [Theory]
    [InlineData("randaugment(ops: 2, magnitude: m); mixup(alpha: 0.2)", "m = 9", "cross_entropy")]
    [InlineData("autoaugment(policy: cifar10); cutmix(alpha: 1.0)", "", "cross_entropy(label_smoothing: 0.1)")]
    [InlineData("trivialaugment(); augmix(width: 2); mixup(); cutmix(p: 0.5)", "", "focal")]
    public void A_trial_with_policies_and_mixing_trains_with_a_finite_loss(string augment, string parameters, string loss)
    {
        Runtime.TorchRuntime.EnsureInitialized();
        var compilation = HypCompilation.Create([SyntaxTree.Parse(Spec("policies", augment, parameters, loss), "policies.hyp")]);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.Empty(diagnostics);
        var assembly = GeneratedAssembly.Load(sources);
        var experiment = assembly.GetType("HyperDsl.Generated.PoliciesExperiment")!;
        var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.PoliciesParams")!)!;
        using var model = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)experiment.GetMethod("BuildModel")!.Invoke(null, [point])!;
        using var data = (Runtime.Data.DataSplits)experiment.GetMethod("LoadData")!.Invoke(null, [7L, null])!;
        var training = (TrainingOptions)experiment.GetMethod("Training")!.Invoke(null, [point])!;

        var result = new Trainer(training).Fit(model, data);

        Assert.NotNull(training.Mixing);
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss) && e.TrainLoss > 0, $"Training loss {e.TrainLoss}."));
    }
}
