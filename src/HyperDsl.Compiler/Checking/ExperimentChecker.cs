using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>Runs every check of one experiment in order: bind, conditions, ranges, shapes, space, training.</summary>
internal static class ExperimentChecker
{
    public static CheckedExperiment Check(EffectiveExperiment experiment, List<Diagnostic> output, CheckBudget budget, Suggestions suggestions, IDataFolderReader? dataFolders = null)
    {
        var diagnostics = new List<Diagnostic>();
        try
        {
            budget.BeginExperiment();
            return CheckCore(experiment, diagnostics, budget, suggestions, dataFolders);
        }
        finally
        {
            output.AddRange(diagnostics);
        }
    }

    private static CheckedExperiment CheckCore(EffectiveExperiment experiment, List<Diagnostic> diagnostics, CheckBudget budget, Suggestions suggestions, IDataFolderReader? dataFolders)
    {
        var binder = new ExperimentBinder(experiment, diagnostics, suggestions);
        binder.Bind();
        var model = binder.Model;
        if (binder.PastLimits)
        {
            // Reported; an experiment past a limit is not worth checking further, and could take long.
            return Summary(experiment, binder, null, null);
        }

        // Later checks evaluate expressions; on a model with binding errors they would only repeat them.
        var bindingFailed = diagnostics.Any(d => d.IsError);
        ShapeSummary? shapes = null;
        long? size = null;
        long? countedClasses = null;
        var stage = "the conditional parameters";
        try
        {
            new ConditionChecker(model, diagnostics, budget).Check(binder.ConditionalUses);
            if (!bindingFailed)
            {
                stage = "the argument ranges";
                var ranges = new ArgumentRangeChecker(model, diagnostics, budget);
                ranges.Check(experiment);
                new MatchChecker(model, diagnostics, budget).Check(experiment);
                var classFolders = new ImageFolderClassCounter(experiment, model, dataFolders, diagnostics);
                countedClasses = classFolders.Count();
                classFolders.CheckSplitClasses();
                stage = "the shapes";

                // Lowered once: the shape and device checks read the same meaning of the model and settings.
                var lowered = ShapeChecker.LowerForChecks(experiment, model);
                var shapeChecker = new ShapeChecker(experiment, model, diagnostics, budget, countedClasses, lowered: lowered);
                shapes = shapeChecker.Check();
                stage = "the constraints and the size of the space";
                size = new SearchSpaceChecker(experiment, model, binder.Parameters, shapeChecker, diagnostics, budget).Check();
                new DeviceChecker(lowered, model, diagnostics).Check();
                new PrecisionChecker(lowered, model, diagnostics).Check();
                new PopulationChecker(experiment, model, binder.Parameters, shapeChecker.RelevantParameters, lowered, new SpaceEnumerator(model, budget), diagnostics).Check();
                stage = "the values computed from each point";
                new EvaluationChecker(model, diagnostics, budget, ranges.Evaluated).Check(experiment, binder.Parameters);
            }

            stage = "the training settings";
            new TrainingChecker(experiment, model, binder.Parameters, diagnostics, budget).Check(size, shapes, classesCounted: countedClasses is not null);
        }
        catch (CheckBudgetExceededException exceeded)
        {
            diagnostics.Add(exceeded.WholeFile
                ? FileCheckTooLarge(experiment.Syntax.Name.Span, experiment.Name, budget.PerFile, stage)
                : CheckTooLarge(experiment.Syntax.Name.Span, experiment.Name, budget.PerExperiment, stage));
        }

        return Summary(experiment, binder, shapes, size);
    }

    private static CheckedExperiment Summary(EffectiveExperiment experiment, ExperimentBinder binder, ShapeSummary? shapes, long? size) =>
        new(
            experiment.Name,
            experiment.Syntax.Name.Span,
            [.. binder.Parameters.Select(p => new ParameterSummary(p.Name, p.Type.DisplayName, p.Domain?.Describe() ?? "?", p.Condition is { } c ? ExpressionBinder.Shorten(c) : null))],
            size,
            shapes,
            Strategy(experiment))
        {
            Bound = new BoundExperiment(experiment, binder.Model, binder.Parameters),
            PickedSampler = PickedSampler(experiment, binder.Model, binder.Parameters),
        };

    // What 'sampler auto' (an entry that picks) chose for this study; null for a sampler of its own.
    private static SamplerPick? PickedSampler(EffectiveExperiment experiment, SemanticModel model, IReadOnlyList<ParameterSymbol> parameters) =>
        (experiment.Setting(SectionKind.Tune, "sampler") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is { } sampler
        && model.GetResolution(sampler) is CatalogEntry entry
            ? StudyShapes.Pick(entry, experiment, model, parameters)
            : null;

    private static string Strategy(EffectiveExperiment experiment)
    {
        string? Text(string name) => (experiment.Setting(SectionKind.Tune, name) as ValueSettingSyntax) is { } setting
            ? string.Join(", ", setting.Arguments.Select(a => ExpressionBinder.Shorten(a)))
            : null;
        var objective = experiment.Setting(SectionKind.Tune, "objective") is ObjectiveSettingSyntax goal
            ? string.Join(", ", goal.Objectives.Select(o => $"{o.Direction.ToString().ToLowerInvariant()} {ExpressionBinder.Shorten(o.Metric)}"))
            : "no objective";
        var parts = new List<string> { objective, $"sampler {Text("sampler") ?? "tpe"}" };
        if (Text("pruner") is { } pruner)
        {
            parts.Add($"pruner {pruner}");
        }

        if (Text("trials") is { } trials)
        {
            parts.Add($"{trials} trials");
        }

        if (Text("timeout") is { } timeout)
        {
            parts.Add($"timeout {timeout}");
        }

        return string.Join("; ", parts);
    }
}
