using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>Runs every check of one experiment in order: bind, conditions, ranges, shapes, space, training.</summary>
internal static class ExperimentChecker
{
    public static CheckedExperiment Check(EffectiveExperiment experiment, List<Diagnostic> output)
    {
        var diagnostics = new List<Diagnostic>();
        try
        {
            return CheckCore(experiment, diagnostics);
        }
        finally
        {
            output.AddRange(diagnostics);
        }
    }

    private static CheckedExperiment CheckCore(EffectiveExperiment experiment, List<Diagnostic> diagnostics)
    {
        var binder = new ExperimentBinder(experiment, diagnostics);
        binder.Bind();
        var model = binder.Model;

        // Later checks evaluate expressions; on a model with binding errors they would only repeat them.
        var bindingFailed = diagnostics.Any(d => d.IsError);
        new ConditionChecker(model, diagnostics).Check(binder.ConditionalUses);
        ShapeSummary? shapes = null;
        long? size = null;
        if (!bindingFailed)
        {
            new ArgumentRangeChecker(model, diagnostics).Check(experiment);
            new MatchChecker(model, diagnostics).Check(experiment);
            var shapeChecker = new ShapeChecker(experiment, model, diagnostics);
            shapes = shapeChecker.Check();
            size = new SearchSpaceChecker(experiment, model, binder.Parameters, shapeChecker, diagnostics).Check();
        }

        new TrainingChecker(experiment, model, binder.Parameters, diagnostics).Check(size);
        return new CheckedExperiment(
            experiment.Name,
            experiment.Syntax.Name.Span,
            [.. binder.Parameters.Select(p => new ParameterSummary(p.Name, p.Type.DisplayName, p.Domain?.Describe() ?? "?", p.Condition is { } c ? ExpressionBinder.Shorten(c) : null))],
            size,
            shapes,
            Strategy(experiment))
        {
            Bound = new BoundExperiment(experiment, model, binder.Parameters),
        };
    }

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
