using System.Text.Json.Nodes;

namespace HyperDsl.Cli.Report;

/// <summary>Empirical distribution function: the fraction of complete trials with a value at most x, per objective.</summary>
internal static class EdfView
{
    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        for (var i = 0; i < data.Objectives.Count; i++)
        {
            var values = data.Complete(i).Select(p => p.Value).Order().ToList();
            if (values.Count == 0)
            {
                continue;
            }

            yield return new PlotlyFigure("edf", new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "lines", ["name"] = data.Objectives[i].Metric,
                    ["line"] = new JsonObject { ["shape"] = "hv" },
                    ["x"] = Plotly.Numbers(values),
                    ["y"] = Plotly.Numbers(values.Select((_, k) => (k + 1.0) / values.Count)),
                },
            }, Plotly.Layout($"Empirical distribution: {data.Objectives[i].Metric}", data.Objectives[i].Metric, "fraction of trials ≤ value"));
        }
    }
}
