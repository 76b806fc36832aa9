using System.Text.Json.Nodes;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;

namespace HyperDsl.Cli.Report;

/// <summary>For several objectives: the complete trials on the first two, the Pareto front marked.</summary>
internal static class ParetoView
{
    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        if (data.Objectives.Count < 2)
        {
            yield break;
        }

        var complete = data.Trials.Where(t => t.State == TrialState.Complete && t.Values is { Count: >= 2 } v && v.All(double.IsFinite)).ToList();
        var front = BestTrials.Of(complete, [.. data.Objectives.Select(o => o.Direction)]).Select(t => t.Id).ToHashSet();
        JsonObject Trace(string name, IEnumerable<Runtime.Studies.Storage.StoredTrial> trials, string color)
        {
            var list = trials.OrderBy(t => t.Values![0]).ToList();
            return new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = name,
                ["x"] = Plotly.Numbers(list.Select(t => t.Values![0])), ["y"] = Plotly.Numbers(list.Select(t => t.Values![1])),
                ["text"] = Plotly.Strings(list.Select(t => $"trial #{t.Number}")),
                ["marker"] = new JsonObject { ["color"] = color, ["size"] = 8 },
            };
        }

        yield return new PlotlyFigure("pareto", new JsonArray
        {
            Trace("dominated", complete.Where(t => !front.Contains(t.Id)), "#9ab"),
            Trace("Pareto front", complete.Where(t => front.Contains(t.Id)), "#d62728"),
        }, Plotly.Layout($"Pareto front: {data.Objectives[0]} and {data.Objectives[1]}", data.Objectives[0].Metric, data.Objectives[1].Metric));
    }
}
