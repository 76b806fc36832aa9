using System.Globalization;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>Each trial stores its built model's trainable parameters and FLOPs (model.params, model.flops): the checker's figures at its point.</summary>
public sealed class TrialModelFiguresTests : IDisposable
{
    private const string Spec = """
        experiment tiny_figures {
          data {
            source     synthetic(count: 16, shape: [1, 8, 8], classes: 2)
            validation 25%
          }
          params { width ~ choice(2, 4) }
          model { conv(width, kernel: 3); relu; maxpool(2); flatten; linear(2) }
          train { epochs 1; batch 8; optimizer adam(lr: 1e-3) }
          tune { objective maximize val_accuracy; sampler grid; seed 1 }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-figures-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_trial_stores_the_checkers_parameter_count_and_flops_of_its_model()
    {
        Runtime.TorchRuntime.EnsureInitialized();
        var compilation = HypCompilation.Create([SyntaxTree.Parse(Spec, Path.Combine(_folder, "tiny.hyp"))]);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        var assembly = GeneratedAssembly.Load(sources);
        var definition = (IExperimentDefinition)Activator.CreateInstance(assembly.GetTypes().Single(t => typeof(IExperimentDefinition).IsAssignableFrom(t)))!;
        var bound = compilation.Experiments.Single().Bound!;
        var shapes = new ShapeChecker(bound.Experiment, bound.Model, []);
        var width = bound.Parameters.Single(p => p.Name == "width");

        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
        var result = new StudyRunner(definition, store, new StudyRunOptions { SpecPath = Path.Combine(_folder, "tiny.hyp"), SpecText = Spec }).Run();

        Assert.Equal(2, result.Trials.Count);
        Assert.All(result.Trials, trial =>
        {
            var statistics = shapes.StatisticsAt(new Dictionary<Compiler.Binding.ParameterSymbol, Value> { [width] = new IntValue((long)trial.Parameters["width"]) })!;
            Assert.Equal(statistics.TrainableParameters.ToString(CultureInfo.InvariantCulture), trial.UserAttributes[StudyAttributes.ModelParams]);
            Assert.Equal(statistics.Flops.ToString(CultureInfo.InvariantCulture), trial.UserAttributes[StudyAttributes.ModelFlops]);
        });
    }
}
