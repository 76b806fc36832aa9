using System.Text.Json.Nodes;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Cli.Report;

/// <summary>
/// Contour of the first objective over the two most important numeric parameters (log axes for log
/// ranges), from the trials that used both, interpolated between them by plotly.js, with the trials
/// drawn on top so the reader sees where the surface is measured and where it is guessed.
/// </summary>
internal static class ContourView
{
    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        var names = data.Importance.Count > 0 ? data.Importance[0].Select(p => p.Name) : data.Space.Select(p => p.Name);
        var numeric = names.Select(n => data.Space.First(p => p.Name == n)).Where(p => p is not CategoricalSpace).Take(2).ToList();
        if (numeric.Count < 2)
        {
            yield break;
        }

        var (x, y) = (numeric[0], numeric[1]);
        var trials = data.Complete(0)
            .Where(t => t.Trial.Parameters.ContainsKey(x.Name) && t.Trial.Parameters.ContainsKey(y.Name))
            .Select(t => (X: ReportData.Number(t.Trial.Parameters[x.Name]) ?? double.NaN, Y: ReportData.Number(t.Trial.Parameters[y.Name]) ?? double.NaN, t.Value, t.Trial.Number))
            .Where(t => double.IsFinite(t.X) && double.IsFinite(t.Y))
            .ToList();
        if (trials.Count < 3)
        {
            yield break;
        }

        var layout = Plotly.Layout($"Contour: {data.Objectives[0].Metric} over {x.Name} and {y.Name}", x.Name, y.Name, logX: ReportData.IsLog(x));
        if (ReportData.IsLog(y))
        {
            layout["yaxis"]!["type"] = "log";
        }

        yield return new PlotlyFigure("contour", new JsonArray
        {
            new JsonObject
            {
                ["type"] = "contour", ["name"] = data.Objectives[0].Metric,
                ["x"] = Plotly.Numbers(trials.Select(t => t.X)), ["y"] = Plotly.Numbers(trials.Select(t => t.Y)), ["z"] = Plotly.Numbers(trials.Select(t => t.Value)),
                ["connectgaps"] = true, ["colorscale"] = "Viridis", ["reversescale"] = !data.Maximize(0),
                ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = data.Objectives[0].Metric } },
            },
            new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = "trials", ["showlegend"] = false,
                ["x"] = Plotly.Numbers(trials.Select(t => t.X)), ["y"] = Plotly.Numbers(trials.Select(t => t.Y)),
                ["text"] = Plotly.Strings(trials.Select(t => $"trial #{t.Number}")),
                ["marker"] = new JsonObject { ["color"] = "black", ["size"] = 5 },
            },
        }, layout);
    }
}
