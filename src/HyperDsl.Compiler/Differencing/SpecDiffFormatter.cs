using System.Text;

namespace HyperDsl.Compiler.Differencing;

/// <summary>
/// Renders a <see cref="SpecDiff"/> for people, section by section: <c>+</c> added, <c>-</c>
/// removed, <c>~</c> changed, <c>&gt;</c> renamed; then whether a new study version starts.
/// </summary>
public static class SpecDiffFormatter
{
    /// <summary>The changes of every experiment, or one line saying there are none.</summary>
    public static string Format(SpecDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (!diff.HasChanges)
        {
            return "no semantic changes\n";
        }

        var builder = new StringBuilder();
        foreach (var experiment in diff.Experiments.Where(e => e.HasChanges))
        {
            builder.Append(Format(experiment));
        }

        return builder.ToString();
    }

    /// <summary>One experiment's changes, section by section, and what they mean for its study.</summary>
    public static string Format(ExperimentDiff experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var builder = new StringBuilder();
        switch ((experiment.OldName, experiment.NewName))
        {
            case (null, { } added):
                return $"experiment {added}: added\n";
            case ({ } removed, null):
                return $"experiment {removed}: removed\n";
            case ({ } old, { } now) when old != now:
                builder.Append($"experiment {now} (was {old})\n");
                break;
            default:
                builder.Append($"experiment {experiment.Name}\n");
                break;
        }

        foreach (var section in experiment.Changes.GroupBy(c => c.Section).OrderBy(g => g.Key))
        {
            builder.Append("  ").Append(Heading(section.Key));
            if (section.Key == DiffSection.Model && Figures(experiment) is { } figures)
            {
                builder.Append("  (").Append(figures).Append(')');
            }

            builder.Append('\n');
            foreach (var change in section)
            {
                builder.Append("    ").Append(Line(change)).Append('\n');
            }
        }

        builder.Append("  study: ").Append(experiment.NewStudyVersion
            ? "the study hash changes: a run starts a new study version"
            : "the study hash is the same: a run continues the same study version").Append('\n');
        if (experiment.OldName != experiment.NewName)
        {
            builder.Append("  note: the study is named after the experiment unless --study names it: under the new name, a run starts a new study\n");
        }

        return builder.ToString();
    }

    private static string Heading(DiffSection section) => section switch
    {
        DiffSection.Experiment => "experiment",
        DiffSection.Parameters => "parameters",
        DiffSection.Constraints => "constraints",
        DiffSection.Model => "model",
        DiffSection.Blocks => "blocks",
        DiffSection.Data => "data",
        DiffSection.Training => "train",
        _ => "tune",
    };

    /// <summary>One change on one line, such as <c>~ lr: loguniform(1e-3, 3e-2) -> loguniform(1e-4, 3e-2)</c>.</summary>
    public static string Line(SpecChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        // A parameter's domain is what a change to it usually is: only other aspects are named.
        var subject = change.Aspect is { } aspect && aspect != "domain" ? $"{change.Subject} ({aspect})" : change.Subject;
        return change.Kind switch
        {
            ChangeKind.Added => $"+ {subject}: {change.After}",
            ChangeKind.Removed => $"- {subject}: {change.Before}",
            ChangeKind.Renamed => $"> {change.Before} renamed to {change.After}",
            _ => $"~ {subject}: {change.Before ?? "(none)"} -> {change.After ?? "(none)"}",
        };
    }

    /// <summary>The static trainable parameters and FLOPs before and after, as <c>hyp check --summary</c> shows them; null when either is unknown.</summary>
    public static string? Figures(ExperimentDiff experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (experiment.Before is not { } before || experiment.After is not { } after)
        {
            return null;
        }

        return $"parameters {Range(before.MinParameters, before.MaxParameters)} -> {Range(after.MinParameters, after.MaxParameters)}; "
            + $"FLOPs {Range(before.MinFlops, before.MaxFlops)} -> {Range(after.MinFlops, after.MaxFlops)}";
    }

    private static string Range(long low, long high) =>
        low == high ? CheckedExperimentFormatter.Compact(low) : $"{CheckedExperimentFormatter.Compact(low)} - {CheckedExperimentFormatter.Compact(high)}";
}
