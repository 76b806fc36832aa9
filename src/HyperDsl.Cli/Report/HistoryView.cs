using System.Text.Json.Nodes;

namespace HyperDsl.Cli.Report;

/// <summary>Optimization history: each complete trial's value by number, and the best so far, per objective.</summary>
internal static class HistoryView
{
    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        for (var i = 0; i < data.Objectives.Count; i++)
        {
            var points = data.Complete(i).ToList();
            var best = new List<double>();
            foreach (var (_, value) in points)
            {
                best.Add(best.Count == 0 ? value : data.Maximize(i) ? Math.Max(best[^1], value) : Math.Min(best[^1], value));
            }

            var numbers = new JsonArray([.. points.Select(p => JsonValue.Create(p.Trial.Number))]);
            yield return new PlotlyFigure("history", new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "markers", ["name"] = data.Objectives[i].Metric,
                    ["x"] = numbers.DeepClone(), ["y"] = Plotly.Numbers(points.Select(p => p.Value)),
                    ["text"] = Plotly.Strings(points.Select(p => $"trial #{p.Trial.Number}")),
                },
                new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "lines", ["name"] = "best so far", ["line"] = new JsonObject { ["shape"] = "hv" },
                    ["x"] = numbers, ["y"] = Plotly.Numbers(best),
                },
            }, Plotly.Layout($"Optimization history: {data.Objectives[i]}", "trial", data.Objectives[i].Metric));
        }
    }
}
