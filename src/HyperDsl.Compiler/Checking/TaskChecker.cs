using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Checks that what a spec uses serves the task it declares (the data section's <c>task</c>, by
/// default classification), from each built-in's catalogue entry (<see cref="CatalogEntry.Tasks"/>,
/// <see cref="MetricEntry.Task"/>): a data source gives the labels the task needs (HYP5030), a metric
/// is one the task's trainer measures (HYP5031), a training or evaluation transform can move masks with
/// their images (HYP5032), and the loss has the task's form (HYP5033).
/// A task this version does not train is refused at its keyword (HYP5022).
/// </summary>
internal sealed class TaskChecker(EffectiveExperiment experiment, SemanticModel model, List<Diagnostic> diagnostics)
{
    private static readonly string[] SourceSettings = ["source", "validation", "test"];

    /// <summary>The task <paramref name="experiment"/> declares, or the default; a keyword no task has (already an error) counts as the default.</summary>
    public static TaskEntry DeclaredTask(EffectiveExperiment experiment) =>
        (experiment.Setting(SectionKind.Data, "task") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is NameSyntax name
            && BuiltinCatalog.FindTask(name.Name) is { } task
            ? task
            : BuiltinCatalog.DefaultTask;

    public void Check()
    {
        var task = DeclaredTask(experiment);
        var keyword = (experiment.Setting(SectionKind.Data, "task") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value;
        if (task.NotYet is { } why)
        {
            diagnostics.Add(TaskNotSupported(keyword!.Span, task.Name, why));
            return;
        }

        var declared = TaskClause(task.Name, declared: keyword is not null);
        CheckSources(task, declared);
        CheckTransforms(task, declared);
        CheckLoss(task, declared);
        CheckMetrics(task, declared);
    }

    private void CheckSources(TaskEntry task, string declared)
    {
        foreach (var setting in SourceSettings)
        {
            if ((experiment.Setting(SectionKind.Data, setting) as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is CallSyntax call
                && model.GetResolution(call) is CatalogEntry { Kind: EntryKind.DataSource } entry
                && !entry.Serves(task.Name))
            {
                diagnostics.Add(TaskSourceMismatch(call.Callee.Span, entry, task, declared));
            }
        }
    }

    // The training transforms (augment) and the validation and test ones (evaluate) alike: each must
    // move a mask with its image or leave it alone, so that every pixel keeps its class.
    private void CheckTransforms(TaskEntry task, string declared)
    {
        foreach (var block in new[] { "augment", "evaluate" })
        {
            if (experiment.Setting(SectionKind.Data, block) is not BlockSettingSyntax transforms)
            {
                continue;
            }

            foreach (var layer in transforms.Body.OfType<LayerSyntax>())
            {
                if (model.GetResolution(layer) is CatalogEntry { Kind: EntryKind.Transform } entry && !entry.Serves(task.Name))
                {
                    var fitting = BuiltinCatalog.Entries.Values.Where(e => e.Kind == EntryKind.Transform && e.Serves(task.Name) && (block == "augment" || e.Transform?.Evaluate is not null)).Select(e => e.Name).Order(StringComparer.Ordinal);
                    diagnostics.Add(TaskTransformMismatch(layer.Span, entry.Name, task.Name, declared, block, fitting, MaskMixings(task, block)));
                }
            }
        }
    }

    // The batch mixings that have a mask form under the task (cutmix under segmentation), for the help of the augment block.
    private static IReadOnlyList<string> MaskMixings(TaskEntry task, string block) => block == "augment"
        ? [.. BuiltinCatalog.Entries.Values.Where(e => e.Kind == EntryKind.Transform && e.Transform?.MixesLabels == true && e.Serves(task.Name)).Select(e => e.Name).Order(StringComparer.Ordinal)]
        : [];

    private void CheckLoss(TaskEntry task, string declared)
    {
        if ((experiment.Setting(SectionKind.Train, "loss") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is { } value
            && (value is CallSyntax call ? model.GetResolution(call) : model.GetResolution(value)) is CatalogEntry { Kind: EntryKind.Loss } entry
            && !entry.Serves(task.Name))
        {
            diagnostics.Add(TaskLossMismatch(value.Span, entry, task, declared));
        }
    }

    private void CheckMetrics(TaskEntry task, string declared)
    {
        var named = experiment.SettingsOf(SectionKind.Tune).OfType<ObjectiveSettingSyntax>().SelectMany(o => o.Objectives.Select(g => g.Metric))
            .Concat((experiment.Setting(SectionKind.Train, "early_stop") as ValueSettingSyntax)?.Arguments.Take(1).Select(a => a.Value) ?? [])
            .OfType<NameSyntax>();
        foreach (var metric in named)
        {
            if (BuiltinCatalog.FindMetric(metric.Name) is { Task: { } only } entry && only != task.Name)
            {
                var instead = BuiltinCatalog.Metrics.Where(m => m.Task == task.Name).Select(m => m.Name).ToList();
                diagnostics.Add(TaskMetricMismatch(metric.Span, entry.Name, only, task.Name, declared, instead));
            }
        }

        // The extra per-epoch metrics (top-5, AUC) rank one score vector per image.
        var extras = (experiment.Setting(SectionKind.Train, "metrics") as ValueSettingSyntax)?.Arguments.Select(a => a.Value).OfType<NameSyntax>() ?? [];
        foreach (var extra in extras)
        {
            if (BuiltinCatalog.FindExtraMetric(extra.Name) is { Task: { } only } entry && only != task.Name)
            {
                diagnostics.Add(TaskExtraMetricMismatch(extra.Span, entry.Name, only, task.Name, declared, BuiltinCatalog.Metrics.Where(m => m.Task == task.Name).Select(m => m.Name)));
            }
        }
    }
}
