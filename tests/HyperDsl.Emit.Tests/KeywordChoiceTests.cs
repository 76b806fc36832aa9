using HyperDsl.Compiler;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Runtime;
using HyperDsl.Runtime.Models;
using HyperDsl.TestKit;
using static TorchSharp.torch;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// A choice of an argument's keywords passed to it whole ('padding: pad' with
/// 'pad ~ choice(same, valid)') generates the padding the checker walked, at each choice.
/// </summary>
public class KeywordChoiceTests
{
    private static readonly string Case = Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Compiler.Tests", "Cases", "choice_values_passed_to_keyword_argument");

    [Fact]
    public void A_choice_of_paddings_builds_the_model_the_checker_proved_at_each_choice()
    {
        TorchRuntime.EnsureInitialized();
        var compilation = HypCompilation.Create([SyntaxTree.Parse(File.ReadAllBytes(Path.Combine(Case, "main.hyp")), "main.hyp")], new FolderResolver(Case));
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        var assembly = GeneratedAssembly.Load(sources);
        var bound = Assert.Single(compilation.Experiments).Bound!;
        var shapes = new ShapeChecker(bound.Experiment, bound.Model, []);
        var pad = bound.Parameters.Single(p => p.Name == "pad");
        var points = new SpaceEnumerator(bound.Model).Enumerate(shapes.RelevantParameters).Points;

        var outputs = new HashSet<long>();
        foreach (var point in points)
        {
            var statistics = shapes.StatisticsAt(point)!;
            var parameters = ModelAgreementTests.CreateParameters(assembly.GetType("HyperDsl.Generated.EParams")!, [.. bound.Parameters.Where(p => !p.IsFixed)], point);
            using var model = (nn.Module<Tensor, Tensor>)assembly.GetType("HyperDsl.Generated.EExperiment")!.GetMethod("BuildModel")!.Invoke(null, [parameters])!;
            var input = ((MapShape)statistics.Input) is var s ? new[] { s.Channels, s.Height, s.Width } : [];

            Assert.Equal(statistics.TrainableParameters, ModelParameters.CountTrainable(model));
            Assert.Equal(statistics.Flops, ModelFlops.Count(model, input));
            outputs.Add(statistics.Flops);
        }

        // 'same' and 'valid' give different feature maps, so the two choices differ in FLOPs: both were built.
        Assert.Equal(2, points.Select(p => ((EnumValue)p[pad]).Member).Distinct().Count());
        Assert.Equal(2, outputs.Count);
    }

    private sealed class FolderResolver(string folder) : ISourceResolver
    {
        public SpecFileRead Read(string path) => SpecFileReader.Read(Path.Combine(folder, path), SpecFileNaming.HypExtension);
    }
}
