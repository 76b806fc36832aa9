using System.Text.Json.Nodes;

namespace HyperDsl.Cli.Report;

/// <summary>Parameter importance: each parameter's fANOVA share, per objective, as <c>hyp importance</c> prints it.</summary>
internal static class ImportanceView
{
    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        for (var i = 0; i < data.Importance.Count; i++)
        {
            // Plotly draws horizontal bars from the bottom: the most important goes last, on top.
            var ranking = data.Importance[i].Reverse().ToList();
            var layout = Plotly.Layout($"Parameter importance (fANOVA): {data.Objectives[i]}", "share of the parameters' importance", "parameter");
            layout["xaxis"]!["tickformat"] = ".0%";
            layout["margin"] = new JsonObject { ["l"] = 140 };
            yield return new PlotlyFigure("importance", new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "bar", ["orientation"] = "h",
                    ["x"] = Plotly.Numbers(ranking.Select(p => p.Share)),
                    ["y"] = Plotly.Strings(ranking.Select(p => p.Name)),
                    ["text"] = Plotly.Strings(ranking.Select(p => p.Share.ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture))),
                    ["textposition"] = "auto",
                },
            }, layout);
        }
    }
}
