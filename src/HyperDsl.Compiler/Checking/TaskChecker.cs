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
            diagnostics.Add(Create(TaskNotSupportedDescriptor, keyword!.Span,
                $"'task {task.Name}' is not trained by this version of HyperDsl: {why}.",
                "Declare 'task classification' (the default, which may be left out) or 'task segmentation'."));
            return;
        }

        var declared = keyword is null ? $"the spec trains {task.Name} (the default: no 'task' is declared)" : $"the spec declares 'task {task.Name}'";
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
                diagnostics.Add(Create(TaskSourceMismatchDescriptor, call.Callee.Span,
                    $"'{entry.Name}' gives data for {Describe(entry)}, but {declared}.",
                    task.PerPixel
                        ? "Give image and mask pairs: segmentation_folder(images: \"...\", masks: \"...\", classes: N)."
                        : $"Declare 'task {entry.Tasks[0]}' in the data section, or give a source of labelled images for {task.Name}."));
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
                    diagnostics.Add(Create(TaskTransformMismatchDescriptor, layer.Span,
                        $"'{entry.Name}' cannot move masks with their images, and {declared}.",
                        $"Under 'task {task.Name}' the {block} block takes {string.Join(", ", BuiltinCatalog.Entries.Values.Where(e => e.Kind == EntryKind.Transform && e.Serves(task.Name) && (block == "augment" || e.Transform?.Evaluate is not null)).Select(e => e.Name).Order(StringComparer.Ordinal))}: a geometric transform moves the masks with the images (nearest neighbours), a colour change or an erasure leaves them alone{MaskMixings(task, block)}."));
                }
            }
        }
    }

    // The batch mixings that have a mask form under the task (cutmix under segmentation), for the help of the augment block.
    private static string MaskMixings(TaskEntry task, string block) =>
        BuiltinCatalog.Entries.Values.Where(e => e.Kind == EntryKind.Transform && e.Transform?.MixesLabels == true && e.Serves(task.Name)).Select(e => e.Name).Order(StringComparer.Ordinal).ToList() is [_, ..] mixings && block == "augment"
            ? $", and {string.Join(", ", mixings)} mixes each partner's mask with its image"
            : "";

    private void CheckLoss(TaskEntry task, string declared)
    {
        if ((experiment.Setting(SectionKind.Train, "loss") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is { } value
            && (value is CallSyntax call ? model.GetResolution(call) : model.GetResolution(value)) is CatalogEntry { Kind: EntryKind.Loss } entry
            && !entry.Serves(task.Name))
        {
            diagnostics.Add(Create(TaskLossMismatchDescriptor, value.Span,
                $"The loss '{entry.Name}' is for {Describe(entry)}, but {declared}.",
                task.PerPixel
                    ? "Use a per-pixel loss: cross_entropy, focal, dice, or a weighted sum such as sum(cross_entropy: 1.0, dice: 0.5)."
                    : "Use cross_entropy (the default), focal, nll or bce."));
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
                diagnostics.Add(Create(TaskMetricMismatchDescriptor, metric.Span,
                    $"'{entry.Name}' is measured for {only} only, but {declared}.",
                    $"Name a metric of {task.Name}: {string.Join(", ", [.. instead, "val_loss", "train_loss"])}."));
            }
        }

        // The extra per-epoch metrics (top-5, AUC) rank one score vector per image.
        var extras = (experiment.Setting(SectionKind.Train, "metrics") as ValueSettingSyntax)?.Arguments.Select(a => a.Value).OfType<NameSyntax>() ?? [];
        foreach (var extra in extras)
        {
            if (BuiltinCatalog.FindExtraMetric(extra.Name) is { Task: { } only } entry && only != task.Name)
            {
                diagnostics.Add(Create(TaskMetricMismatchDescriptor, extra.Span,
                    $"'metrics {entry.Name}' is computed for {only} only, but {declared}.",
                    $"Leave it out: under 'task {task.Name}' the trainer reports {string.Join(", ", BuiltinCatalog.Metrics.Where(m => m.Task == task.Name).Select(m => m.Name))} each epoch."));
            }
        }
    }

    private static string Describe(CatalogEntry entry) => entry.Tasks.IsEmpty ? "every task" : string.Join(" or ", entry.Tasks.Select(t => $"'task {t}'"));
}
