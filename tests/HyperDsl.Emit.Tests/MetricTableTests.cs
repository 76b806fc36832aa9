using HyperDsl.Compiler;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Checking;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Training;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// The catalogue's metric table is the one meaning of each metric: its runtime source, the
/// per-epoch metric early stopping watches and the flag that makes the trainer compute it are
/// real runtime members, each runtime source has its one metric, and generated objectives carry
/// the source (the runtime decides on it, never on the name).
/// </summary>
public class MetricTableTests
{
    [Fact]
    public void Every_metric_names_a_runtime_source_and_every_measured_source_has_exactly_one_metric()
    {
        var sources = BuiltinCatalog.Metrics.Select(m => Enum.Parse<MetricSource>(m.Source)).ToList();

        Assert.Equal(sources.Distinct(), sources);
        Assert.Equal(Enum.GetValues<MetricSource>().Where(s => s != MetricSource.Recorded).Order(), sources.Order());
    }

    [Fact]
    public void Every_metric_measured_each_epoch_is_one_early_stopping_can_watch()
    {
        var watched = BuiltinCatalog.Metrics.Select(m => m.EpochMetric).OfType<string>().Select(Enum.Parse<Metric>).ToList();

        Assert.Equal(Enum.GetValues<Metric>().Order(), watched.Order());
    }

    [Fact]
    public void A_metric_computed_only_when_asked_names_a_metrics_keyword_that_turns_on_a_runtime_flag()
    {
        foreach (var metric in BuiltinCatalog.Metrics.Where(m => m.NeedsExtra is not null))
        {
            var flag = BuiltinCatalog.FindExtraMetric(metric.NeedsExtra!)?.RuntimeFlag;
            Assert.True(flag is not null, $"{metric.Name} needs '{metric.NeedsExtra}', which turns on no runtime flag");
            Assert.True(Enum.IsDefined(Enum.Parse<ExtraMetrics>(flag)), flag);
        }
    }

    [Fact]
    public void Static_metrics_read_the_model_statistics_and_the_others_need_training()
    {
        var statistics = new ModelStatistics(new MapShape(1, 4, 4), new FeatureShape(2), TrainableParameters: 34, TotalParameters: 40, Flops: 64);

        Assert.Equal(34, BuiltinCatalog.FindMetric("model.params")!.FromModel!(statistics));
        Assert.Equal(64, BuiltinCatalog.FindMetric("model.flops")!.FromModel!(statistics));
        Assert.Equal(["model.params", "model.flops"], BuiltinCatalog.StaticMetrics.ToArray());
        Assert.Equal(["train_loss", "val_loss", "val_accuracy", "val_top5", "val_auc", "val_miou", "val_pixel_accuracy", "test_accuracy"], BuiltinCatalog.ReportedMetrics.ToArray());
    }

    [Fact]
    public void Each_static_metric_is_carried_by_its_own_argument_of_the_runtimes_model_check()
    {
        var parameters = typeof(Runtime.Studies.IExperimentDefinition).GetMethod(nameof(Runtime.Studies.IExperimentDefinition.SatisfiesModel))!
            .GetParameters().Skip(1).Select(p => p.Name).ToList();

        var arguments = BuiltinCatalog.Metrics.Where(m => m.IsStatic).Select(m => m.ModelArgument).ToList();

        Assert.Equal(parameters, arguments);
        Assert.All(BuiltinCatalog.Metrics.Where(m => !m.IsStatic), m => Assert.Null(m.ModelArgument));
    }

    [Theory]
    [InlineData("maximize val_auc", "\"val_auc\", global::HyperDsl.Runtime.Search.StudyDirection.Maximize, global::HyperDsl.Runtime.Studies.MetricSource.ValAuc")]
    [InlineData("maximize test_accuracy", "\"test_accuracy\", global::HyperDsl.Runtime.Search.StudyDirection.Maximize, global::HyperDsl.Runtime.Studies.MetricSource.TestAccuracy")]
    [InlineData("minimize model.params", "\"model.params\", global::HyperDsl.Runtime.Search.StudyDirection.Minimize, global::HyperDsl.Runtime.Studies.MetricSource.ModelParams")]
    public void A_generated_objective_carries_its_name_and_the_catalogues_runtime_source(string objective, string expected)
    {
        var spec = $$"""
            experiment goal {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25%; test synthetic(count: 8, shape: [1, 4, 4], classes: 2) }
              params { w ~ choice(2, 4) }
              model { flatten; linear(w); relu; linear(2) }
              train { epochs 2; optimizer adam(lr: 1e-3); metrics auc }
              tune { objective {{objective}}; trials 1 }
            }
            """;
        var (sources, diagnostics) = Compiler.Emit.HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(spec, "goal.hyp")]));
        Assert.DoesNotContain(diagnostics, d => d.IsError);

        Assert.Contains($"new global::HyperDsl.Runtime.Studies.Objective({expected})", Assert.Single(sources).Text, StringComparison.Ordinal);
    }
}
