using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Runtime;
using HyperDsl.Runtime.Models;
using static TorchSharp.torch;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// The generated model, built by TorchSharp, must be exactly what the checker proved: at
/// several points of each example's space, its trainable parameter count and its FLOPs (as the
/// runtime counts them for model.flops) equal the checker's figures, and a forward pass returns
/// the shape the checker predicted.
/// </summary>
public class ModelAgreementTests
{
    private const int PointsPerExperiment = 6;

    public static TheoryData<string> Examples() => EmitterTests.Examples();

    /// <summary>Compiler cases whose models once checked as one thing and trained as another (issue 13), kept small.</summary>
    public static TheoryData<string> Cases() => new(
        "clean_conv_with_groups",
        "clean_conv_padding_modes",
        "clean_even_kernel_with_same_padding",
        "clean_backbone_chosen_in_match_then_replace_fc",
        "clean_backbone_in_if_with_custom_head",
        "clean_backbone_followed_by_layers",
        "clean_freeze_all_then_replace_fc_trains_the_new_head",
        "clean_residual_over_features",
        "clean_residual_stride_on_odd_map",
        "clean_replace_fc_in_a_block",
        "clean_mobilenets_chosen_in_match",
        "clean_freeze_all_then_replace_classifier_of_a_mobilenet",
        "clean_mobilenet_v3_widths_searched",
        "clean_separable_conv_searched",
        "clean_squeeze_excite_gates",
        "clean_inverted_residual_searched",
        "clean_efficientnet_b0_freeze_all_then_replace_classifier",
        "clean_unet_with_named_skips",
        "clean_skip_names_in_loops_branches_and_residuals",
        "clean_save_concat_and_add_stay_usable_as_names",
        "clean_conv_transpose_sizes",
        "clean_aspp_head_on_a_classifier",
        "clean_dense_prediction_layers_together");

    [Theory]
    [MemberData(nameof(Examples))]
    public void Generated_models_have_the_checkers_parameter_counts_flops_and_output_shapes(string example)
    {
        TorchRuntime.EnsureInitialized();
        var (compilation, sources, _) = EmitterTests.Generate(example);
        if (sources.IsEmpty)
        {
            return;
        }

        AssertAgreement(compilation, sources);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_clean_case_builds_the_model_the_checker_proved(string name)
    {
        TorchRuntime.EnsureInitialized();
        var compilation = CleanCaseTests.Compile(name);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.Empty(diagnostics);
        AssertAgreement(compilation, sources);
    }

    private static void AssertAgreement(Compiler.HypCompilation compilation, System.Collections.Immutable.ImmutableArray<GeneratedSource> sources)
    {
        var assembly = GeneratedAssembly.Load(sources);
        foreach (var experiment in compilation.Experiments.Where(e => sources.Any(s => s.HintName == CSharpNames.Pascal(e.Name) + ".g.cs")))
        {
            var bound = experiment.Bound!;
            var shapes = new ShapeChecker(bound.Experiment, bound.Model, []);
            var points = new SpaceEnumerator(bound.Model).Enumerate(shapes.RelevantParameters).Points
                .Select(p => (Point: p, Statistics: shapes.StatisticsAt(p)))
                .Where(p => p.Statistics is not null)
                .ToList();
            Assert.NotEmpty(points);
            var step = Math.Max(1, points.Count / PointsPerExperiment);
            foreach (var (point, statistics) in points.Where((_, i) => i % step == 0 || i == points.Count - 1).Take(PointsPerExperiment + 1))
            {
                var name = CSharpNames.Pascal(experiment.Name);
                var parameters = CreateParameters(assembly.GetType($"HyperDsl.Generated.{name}Params")!, bound.Parameters.Where(p => !p.IsFixed).ToList(), point);
                var build = assembly.GetType($"HyperDsl.Generated.{name}Experiment")!.GetMethod("BuildModel")!;
                TorchSharp.torch.nn.Module<Tensor, Tensor> built;
                try
                {
                    built = (TorchSharp.torch.nn.Module<Tensor, Tensor>)build.Invoke(null, [parameters])!;
                }
                catch (System.Reflection.TargetInvocationException error) when (error.InnerException is Runtime.Data.DataFileException missing)
                {
                    // Pretrained weights are local files that the examples only name; nothing is downloaded.
                    Assert.Contains(".pt", missing.Message, StringComparison.Ordinal);
                    continue;
                }

                using var model = built;
                var described = SpaceEnumerator.Describe(point);

                Assert.True(statistics!.TrainableParameters == ModelParameters.CountTrainable(model),
                    $"{experiment.Name} at {described}: the checker counts {statistics.TrainableParameters} parameters, TorchSharp {ModelParameters.CountTrainable(model)}.");
                var inputShape = ((MapShape)statistics.Input) is var s ? new[] { s.Channels, s.Height, s.Width } : [];
                Assert.True(statistics.Flops == ModelFlops.Count(model, inputShape),
                    $"{experiment.Name} at {described}: the checker counts {statistics.Flops} FLOPs, the runtime {ModelFlops.Count(model, inputShape)}.");
                using var scope = NewDisposeScope();
                model.eval();
                var input = randn([2, .. inputShape]);
                var output = model.forward(input);
                long[] expected = statistics.Output switch
                {
                    FeatureShape features => [2, features.Features],
                    MapShape map => [2, map.Channels, map.Height, map.Width], // a segmentation model's score maps
                    _ => throw new InvalidOperationException($"The checker's output {statistics.Output.Display} is neither features nor a map."),
                };
                Assert.Equal(expected, output.shape);
            }
        }
    }

    internal static object CreateParameters(Type record, List<Compiler.Binding.ParameterSymbol> sampled, Dictionary<Compiler.Binding.ParameterSymbol, Value> point)
    {
        var constructor = record.GetConstructors().Single(c => c.GetParameters().Length == sampled.Count);
        var arguments = constructor.GetParameters().Zip(sampled, (target, symbol) =>
        {
            var value = point.TryGetValue(symbol, out var given) ? given : symbol.IsConditional ? InactiveValue.Instance : symbol.Domain!.Representatives.First();
            return Convert(value, target.ParameterType);
        }).ToArray();
        return constructor.Invoke(arguments);
    }

    private static object? Convert(Value value, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        return value switch
        {
            InactiveValue => null,
            EnumValue member => Enum.Parse(type, CSharpNames.Pascal(member.Member)),
            BoolValue flag => flag.Value,
            StringValue text => text.Value,
            _ when type == typeof(int) => (int)value.AsNumber!.Value,
            _ => value.AsNumber!.Value,
        };
    }
}
