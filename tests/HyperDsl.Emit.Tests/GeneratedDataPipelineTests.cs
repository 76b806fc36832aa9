using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// The C# generated for each data source, transform and normalize preset: the runtime call its
/// catalogue meaning describes, argument by argument, with the fallbacks the runtime expects.
/// </summary>
public class GeneratedDataPipelineTests
{
    private const string R = "global::HyperDsl.Runtime.";
    private const string Synthetic = "source synthetic(count: 16, shape: [1, 8, 8], classes: 2)";

    private static string Generate(string data)
    {
        // Fashion-MNIST and MNIST have ten classes; the other sources here two.
        var outputs = data.Contains("mnist", StringComparison.Ordinal) ? 10 : 2;
        var spec = $$"""
            experiment probe {
              data {
                {{data}}
                validation 20%
              }
              model { flatten; linear({{outputs}}) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(spec, "probe.hyp")]));
        Assert.Empty(diagnostics);
        return string.Join("\n", sources.Select(s => s.Text));
    }

    [Theory]
    [InlineData("source fashion_mnist()", "var data = " + R + "Data.MnistFormatData.LoadFashionMnist(null);")]
    [InlineData("source mnist(\"digits\")", "var data = " + R + "Data.MnistFormatData.LoadMnist(Locate(baseDirectory, \"digits\"));")]
    [InlineData("source idx(\"i\", \"l\", classes: 2)\n input [1, 8, 8]", "new " + R + "Data.DataSplits(" + R + "Data.IdxDataset.Load(Locate(baseDirectory, \"i\"), Locate(baseDirectory, \"l\"), 2))")]
    [InlineData("source image_folder(\"f\", classes: 2, channels: 1)\n resize 8", R + "Data.ImageFolder.Load(Locate(baseDirectory, \"f\"), 1, height: 8, width: 8)")]
    [InlineData("source image_folder(\"f\", classes: 2)\n input [3, 8, 8]", R + "Data.ImageFolder.Load(Locate(baseDirectory, \"f\"), 3));")]
    [InlineData(Synthetic, "new " + R + "Data.DataSplits(" + R + "Data.SyntheticData.Create(16, [1, 8, 8], 2, seed));")]
    [InlineData(Synthetic + "\n test synthetic(count: 4, shape: [1, 8, 8], classes: 2, seed: 3)", "data = data.WithTest(" + R + "Data.SyntheticData.Create(4, [1, 8, 8], 2, 3L));")]
    public void A_data_source_is_loaded_by_the_runtime_call_of_its_meaning(string data, string expected)
    {
        Assert.Contains(expected, Generate(data), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rotate(degrees: 15, p: 0.5)", "Augment.WithProbability(" + R + "Augmentation.Augment.Rotation((double)(15L)), 0.5)")]
    [InlineData("rotate(degrees: [-5, 10])", "Augment.Rotation((double)(-(5L)), (double)(10L))")]
    [InlineData("hflip()", "Augment.HorizontalFlip(0.5)")]
    [InlineData("vflip(p: 0.2)", "Augment.VerticalFlip(0.2)")]
    [InlineData("random_crop(6)", "Augment.RandomCrop(6, 0)")]
    [InlineData("random_crop(6, padding: 2)", "Augment.RandomCrop(6, 2)")]
    [InlineData("random_resized_crop(8)", "Augment.RandomResizedCrop(8)")]
    [InlineData("random_resized_crop(8, scale: [0.5, 1.0])", "Augment.RandomResizedCrop(8, 0.5, 1.0)")]
    [InlineData("center_crop(6)", "Augment.CenterCrop(6)")]
    [InlineData("resize(10)", "Augment.Resize(10)")]
    [InlineData("translate(0.1)", "Augment.Translation(0.1, 0.1)")]
    [InlineData("color_jitter(hue: 0.1)", "Augment.ColorJitter(0.0, 0.0, 0.0, 0.1)")]
    [InlineData("random_erasing()", "Augment.RandomErasing(0.5)")]
    public void An_augment_transform_is_made_by_the_runtime_call_of_its_meaning(string transform, string expected)
    {
        // A crop or resize is matched by the evaluation resize the checker asks for (HYP3117).
        var size = System.Text.RegularExpressions.Regex.Match(transform, @"^(?:random_crop|center_crop|resize|random_resized_crop)\((\d+)");
        var evaluate = size.Success ? $"\n evaluate {{ resize({size.Groups[1].Value}) }}" : "";
        Assert.Contains($"Augmentation = {R}Augmentation.Augment.Pipeline({R}Augmentation.{expected}),", Generate($"{Synthetic}\n augment {{ {transform} }}{evaluate}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rotate(degrees: r)", "r = [-5, 10]", "Augment.Rotation((double)((p.R)[0]), (double)((p.R)[1]))")]
    [InlineData("random_resized_crop(8, scale: sc)", "sc = [0.5, 1.0]", "Augment.RandomResizedCrop(8, (p.Sc)[0], (p.Sc)[1])")]
    public void A_range_held_by_a_parameter_is_passed_as_its_two_values_and_compiles(string transform, string parameter, string expected)
    {
        var spec = $$"""
            experiment probe {
              data {
                {{Synthetic}}
                augment { {{transform}} }
                validation 20%
              }
              params { {{parameter}} }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(spec, "probe.hyp")]));
        Assert.Empty(diagnostics);
        Assert.Contains($"{R}Augmentation.{expected}", string.Join("\n", sources.Select(s => s.Text)), StringComparison.Ordinal);
        Assert.NotNull(GeneratedAssembly.Load(sources).GetType("HyperDsl.Generated.ProbeExperiment"));
    }

    [Fact]
    public void Evaluate_transforms_are_made_by_their_evaluation_calls()
    {
        Assert.Contains($"EvaluationTransform = {R}Augmentation.Evaluate.Pipeline({R}Augmentation.Evaluate.Resize(10), {R}Augmentation.Evaluate.CenterCrop(8)),",
            Generate($"{Synthetic}\n evaluate {{ resize(10)\n center_crop(8) }}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("source synthetic(count: 16, shape: [3, 8, 8], classes: 2)\n normalize imagenet", "ImageNet")]
    [InlineData(Synthetic + "\n normalize auto", "Auto")]
    [InlineData(Synthetic + "\n normalize none", "None")]
    public void A_normalize_preset_becomes_its_runtime_normalization(string data, string member)
    {
        Assert.Contains($"Normalization = {R}Data.Normalization.{member},", Generate(data), StringComparison.Ordinal);
    }
}
