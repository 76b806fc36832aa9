using System.Globalization;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Population;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>The sentences <c>hyp run</c> says about a study, shared by the plain and the live display.</summary>
internal static class StudyMessages
{
    public static string Opened(StudyStart start)
    {
        var version = start.Version;
        var what = start.IsNewVersion
            ? start.PreviousVersion is { } previous
                ? $"new version {version.Version}: the spec changed since version {previous.Version} ('{previous.StudyName}')" + (start.WarmStarted > 0 ? $"; {start.WarmStarted} finished trials carried over" : "; --warm-start would carry over its finished trials that fit")
                : "new"
            : $"version {version.Version}, continuing";
        var lines = new List<string> { $"study '{version.StudyName}' ({what}) in {start.Store}" };
        if (start.Data is { } data)
        {
            lines.Add($"data: {data}");
        }

        lines.Add(start.Budget is { } budget
            ? $"{start.Existing} of {budget} trials done" + (start.Existing >= budget ? "; nothing to run (raise --trials to run more)" : "")
            : $"{start.Existing} trials done; no trial budget: running until stopped");
        if (start.Recovered > 0)
        {
            lines.Add($"{start.Recovered} trial{(start.Recovered == 1 ? " was" : "s were")} left unfinished by an earlier run: marked failed and queued again");
        }

        return string.Join("\n", lines);
    }

    public static string Metrics(EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var parts = new List<string> { $"train_loss {StudyFormat.Value(metrics.TrainLoss)}" };
        void Add(string name, double? value)
        {
            if (value is { } v)
            {
                parts.Add($"{name} {StudyFormat.Value(v)}");
            }
        }

        Add("val_loss", metrics.ValLoss);
        Add("val_accuracy", metrics.ValAccuracy);
        Add("val_top5", metrics.ValTop5);
        Add("val_auc", metrics.ValAuc);
        return string.Join("  ", parts);
    }

    public static string Outcome(StoredTrial trial, IReadOnlyList<Objective> objectives)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(objectives);
        return trial.State switch
        {
            TrialState.Complete => "complete: " + Values(trial, objectives),
            TrialState.Pruned => $"pruned after epoch {trial.Intermediate.Keys.DefaultIfEmpty().Max().ToString(CultureInfo.InvariantCulture)}",
            TrialState.Running when trial.UserAttributes.ContainsKey(MemberStretch.Key) => $"paused at epoch {trial.Intermediate.Keys.DefaultIfEmpty().Max().ToString(CultureInfo.InvariantCulture)} (an interval's end), waiting for the population",
            TrialState.Running => $"paused at epoch {trial.Intermediate.Keys.DefaultIfEmpty().Max().ToString(CultureInfo.InvariantCulture)} (a rung), waiting to be promoted",
            _ => $"failed: {(StudyFormat.FailReason(trial) is { } reason ? DiagnosticText.Excerpt(reason, 300) : "no reason recorded")}",
        };
    }

    public static string Values(StoredTrial trial, IReadOnlyList<Objective> objectives)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(objectives);
        return trial.Values is { } values
            ? string.Join(", ", objectives.Select((o, i) => $"{o.Metric} {(i < values.Count ? StudyFormat.Value(values[i]) : "?")}"))
            : "";
    }
}
