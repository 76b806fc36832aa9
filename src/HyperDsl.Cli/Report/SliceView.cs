using System.Text.Json.Nodes;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Cli.Report;

/// <summary>Slice plots: the first objective against each of the most important parameters (log axes for log ranges), from the trials that used it.</summary>
internal static class SliceView
{
    public const int MostImportant = 4;

    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        var trials = data.Complete(0).ToList();
        var names = data.Importance.Count > 0 ? data.Importance[0].Select(p => p.Name) : data.Space.Select(p => p.Name);
        foreach (var parameter in names.Take(MostImportant).Select(n => data.Space.First(p => p.Name == n)))
        {
            var used = trials.Where(t => t.Trial.Parameters.TryGetValue(parameter.Name, out var v) && (parameter is CategoricalSpace || ReportData.Number(v) is not null)).ToList();
            if (used.Count == 0)
            {
                continue;
            }

            var x = parameter is CategoricalSpace
                ? Plotly.Strings(used.Select(t => ReportData.Label(t.Trial.Parameters[parameter.Name])))
                : Plotly.Numbers(used.Select(t => ReportData.Number(t.Trial.Parameters[parameter.Name]) ?? double.NaN));
            var layout = Plotly.Layout($"Slice: {data.Objectives[0].Metric} by {parameter.Name}", parameter.Name, data.Objectives[0].Metric, logX: ReportData.IsLog(parameter));
            if (parameter is CategoricalSpace)
            {
                layout["xaxis"]!["type"] = "category";
            }

            yield return new PlotlyFigure("slice", new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "markers", ["name"] = parameter.Name,
                    ["x"] = x, ["y"] = Plotly.Numbers(used.Select(t => t.Value)),
                    ["text"] = Plotly.Strings(used.Select(t => $"trial #{t.Trial.Number}")),
                    ["marker"] = new JsonObject
                    {
                        ["color"] = new JsonArray([.. used.Select(t => JsonValue.Create(t.Trial.Number))]),
                        ["colorscale"] = "Viridis", ["showscale"] = true,
                        ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "trial" } },
                    },
                },
            }, layout);
        }
    }
}
