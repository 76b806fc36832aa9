using System.Globalization;
using System.Text.Json.Nodes;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;

namespace HyperDsl.Cli.Report;

/// <summary>
/// Timeline: each started trial as a bar from its start to its end (a running one to the latest time
/// the study records), coloured by state, in one lane per worker process that ran it.
/// </summary>
internal static class TimelineView
{
    private static readonly (TrialState State, string Color)[] Colors =
    [
        (TrialState.Complete, "#1f77b4"), (TrialState.Pruned, "#ff7f0e"), (TrialState.Failed, "#d62728"), (TrialState.Running, "#2ca02c"),
    ];

    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        var started = data.Trials.Where(t => t.Started is not null).OrderBy(t => t.Number).ToList();
        if (started.Count == 0)
        {
            yield break;
        }

        var now = started.Max(t => t.Completed ?? t.Started!.Value);
        var traces = new JsonArray();
        foreach (var (state, color) in Colors)
        {
            var trials = started.Where(t => t.State == state).ToList();
            if (trials.Count == 0)
            {
                continue;
            }

            traces.Add(new JsonObject
            {
                ["type"] = "bar", ["orientation"] = "h", ["name"] = StudyFormat.State(state),
                ["marker"] = new JsonObject { ["color"] = color },
                ["base"] = Plotly.Strings(trials.Select(t => t.Started!.Value.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture))),
                ["x"] = Plotly.Numbers(trials.Select(t => Math.Max(1, ((t.Completed ?? now) - t.Started!.Value).TotalMilliseconds))),
                ["y"] = Plotly.Strings(trials.Select(t => StudyAttributes.Text(t.SystemAttributes, StudyAttributes.Worker) ?? "unknown worker")),
                ["text"] = Plotly.Strings(trials.Select(t => $"trial #{t.Number}")),
            });
        }

        var layout = Plotly.Layout("Timeline of trials by worker", "time", "worker");
        layout["xaxis"]!["type"] = "date";
        layout["yaxis"]!["type"] = "category";
        layout["margin"] = new JsonObject { ["l"] = 160 };
        yield return new PlotlyFigure("timeline", traces, layout);
    }
}
