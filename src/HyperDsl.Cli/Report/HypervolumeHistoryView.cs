using System.Text.Json.Nodes;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Cli.Report;

/// <summary>
/// For several objectives: the hypervolume the complete trials so far dominate on the first two
/// objectives, by trial number. The reference point is each objective's worst value among the
/// complete trials, a tenth of its range further out, so every trial counts.
/// </summary>
internal static class HypervolumeHistoryView
{
    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        if (data.Objectives.Count < 2)
        {
            yield break;
        }

        // As minimised values: a maximised objective is negated.
        var points = data.Trials
            .Where(t => t.State == TrialState.Complete && t.Values is { Count: >= 2 } v && double.IsFinite(v[0]) && double.IsFinite(v[1]))
            .OrderBy(t => t.Number)
            .Select(t => (t.Number, Point: (IReadOnlyList<double>)[.. Enumerable.Range(0, 2).Select(i => data.Maximize(i) ? -t.Values![i] : t.Values![i])]))
            .ToList();
        if (points.Count == 0)
        {
            yield break;
        }

        double[] reference = [.. Enumerable.Range(0, 2).Select(i =>
        {
            var worst = points.Max(p => p.Point[i]);
            var range = worst - points.Min(p => p.Point[i]);
            return worst + (range > 0 ? range / 10 : 1);
        })];
        var history = points.Select((p, k) => Hypervolume.Of(points.Take(k + 1).Select(q => q.Point), reference));
        yield return new PlotlyFigure("hypervolume", new JsonArray
        {
            new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines+markers", ["name"] = "hypervolume",
                ["line"] = new JsonObject { ["shape"] = "hv" },
                ["x"] = new JsonArray([.. points.Select(p => JsonValue.Create(p.Number))]),
                ["y"] = Plotly.Numbers(history),
            },
        }, Plotly.Layout($"Hypervolume history: {data.Objectives[0]} and {data.Objectives[1]}", "trial", "hypervolume"));
    }
}
