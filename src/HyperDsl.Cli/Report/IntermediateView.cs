using System.Text.Json.Nodes;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Cli.Report;

/// <summary>Intermediate values (learning curves): each trial's reported objective by epoch; a pruned trial is dashed and ends in a cross.</summary>
internal static class IntermediateView
{
    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        var trials = data.Trials.Where(t => t.Intermediate.Count > 0).OrderBy(t => t.Number).ToList();
        if (trials.Count == 0)
        {
            yield break;
        }

        var traces = new JsonArray();
        foreach (var trial in trials)
        {
            var steps = trial.Intermediate.Where(p => double.IsFinite(p.Value)).OrderBy(p => p.Key).ToList();
            var pruned = trial.State == TrialState.Pruned;
            traces.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines+markers",
                ["name"] = $"#{trial.Number}{(pruned ? " (pruned)" : "")}",
                ["x"] = new JsonArray([.. steps.Select(p => JsonValue.Create(p.Key))]),
                ["y"] = Plotly.Numbers(steps.Select(p => p.Value)),
                ["line"] = new JsonObject { ["dash"] = pruned ? "dot" : "solid" },
                ["marker"] = new JsonObject
                {
                    ["symbol"] = new JsonArray([.. steps.Select((_, k) => JsonValue.Create(pruned && k == steps.Count - 1 ? "x" : "circle"))]),
                    ["size"] = new JsonArray([.. steps.Select((_, k) => JsonValue.Create(pruned && k == steps.Count - 1 ? 10 : 4))]),
                },
            });
        }

        var layout = Plotly.Layout($"Intermediate values: {data.Objectives[0].Metric} by epoch (pruned trials dotted, ending in ×)", "epoch", data.Objectives[0].Metric);
        var rungs = data.Pruner.Rungs(trials.Max(t => t.Intermediate.Keys.Max()));
        layout["shapes"] = new JsonArray([.. rungs.Select(r => new JsonObject
        {
            ["type"] = "line", ["xref"] = "x", ["yref"] = "paper", ["x0"] = r, ["x1"] = r, ["y0"] = 0, ["y1"] = 1,
            ["line"] = new JsonObject { ["dash"] = "dash", ["color"] = "#888", ["width"] = 1 },
        })]);
        layout["annotations"] = new JsonArray([.. rungs.Select(r => new JsonObject
        {
            ["x"] = r, ["xref"] = "x", ["y"] = 1, ["yref"] = "paper", ["yanchor"] = "bottom", ["showarrow"] = false,
            ["text"] = $"{data.Pruner.Name} rung",
        })]);
        yield return new PlotlyFigure("intermediate", traces, layout);
    }
}
