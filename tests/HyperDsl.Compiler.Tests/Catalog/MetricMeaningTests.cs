using HyperDsl.Compiler.Catalog;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>What each metric needs to be measured comes from its entry in the metric table.</summary>
public class MetricMeaningTests
{
    private static IReadOnlyList<(string Code, int Line)> Errors(string metric, string validation, string task = "classification")
    {
        var segmentation = task == "segmentation";
        var source = segmentation
            ? "segmentation_folder(images: \"images\", masks: \"masks\", classes: 3)"
            : "synthetic(count: 16, shape: [3, 8, 8], classes: 3)";
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { task {{task}}; source {{source}}; resize 8{{validation}} }
              model { conv(out: 3, kernel: 1) {{(segmentation ? "" : "; global_avgpool; linear(3)")}} }
              train { epochs 2; optimizer sgd(lr: 0.1){{(segmentation ? "" : "; metrics top5, auc")}}
                early_stop {{metric}} }
              tune { objective maximize {{metric}}; trials 1 }
            }
            """);
        return [.. compilation.Diagnostics.Where(d => d.IsError).Select(d => (d.Code, d.Span.Start.Line))];
    }

    [Fact]
    public void Exactly_the_val_metrics_need_a_validation_split()
    {
        foreach (var metric in BuiltinCatalog.Metrics)
        {
            Assert.True(metric.NeedsValidation == metric.Name.StartsWith("val_", StringComparison.Ordinal), metric.Name);
        }
    }

    public static TheoryData<string, string> ValidationMetrics() => new()
    {
        { "val_loss", "classification" },
        { "val_accuracy", "classification" },
        { "val_top5", "classification" },
        { "val_auc", "classification" },
        { "val_miou", "segmentation" },
        { "val_pixel_accuracy", "segmentation" },
    };

    [Theory]
    [MemberData(nameof(ValidationMetrics))]
    public void A_val_metric_without_a_validation_setting_is_HYP4090_at_the_objective_and_at_early_stop(string metric, string task)
    {
        Assert.Equal([("HYP4090", 5), ("HYP4090", 6)], Errors(metric, "", task));
        Assert.Empty(Errors(metric, "; validation 10%", task));
    }

    [Fact]
    public void The_training_loss_needs_no_validation_split()
    {
        Assert.Empty(Errors("train_loss", ""));
    }
}
