using System.Globalization;
using System.Net;
using System.Text;
using HyperDsl.Runtime.Studies;

namespace HyperDsl.Cli.Report;

/// <summary>
/// The trials as an HTML table: state, objectives, the model's parameter count and FLOPs (which the
/// checker knows for every point, so they stand beside the metrics), epochs, whether a warm start
/// carried it over, and the parameters. The best trials (the Pareto front) are marked.
/// </summary>
internal static class TrialTableSection
{
    public static string Render(ReportData data)
    {
        var best = BestTrials.Of(data.Trials, [.. data.Objectives.Select(o => o.Direction)]).Select(t => t.Id).ToHashSet();
        var names = StudyFormat.ParameterNames(data.Trials, data.Space.Select(p => p.Name));
        var html = new StringBuilder("<section id=\"view-trials\"><h2>Trials</h2><p class=\"note\">* marks the best trial (the Pareto front with several objectives).</p><table class=\"trials\"><tr><th>#</th><th>state</th>");
        foreach (var heading in data.Objectives.Select(o => o.Metric).Concat(["model params", "model FLOPs", "epochs", "warm start"]).Concat(names))
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Encode(heading)}</th>");
        }

        html.Append("</tr>");
        foreach (var trial in data.Trials.OrderBy(t => t.Number))
        {
            var cells = new List<string> { trial.Number.ToString(CultureInfo.InvariantCulture) + (best.Contains(trial.Id) ? " *" : ""), StudyFormat.State(trial.State) };
            cells.AddRange(data.Objectives.Select((_, i) => trial.Values is { } v && i < v.Count ? StudyFormat.Value(v[i]) : ""));
            cells.Add(trial.UserAttributes.GetValueOrDefault(StudyAttributes.ModelParams) ?? "");
            cells.Add(trial.UserAttributes.GetValueOrDefault(StudyAttributes.ModelFlops) ?? "");
            cells.Add(trial.UserAttributes.GetValueOrDefault(StudyAttributes.Epochs) ?? "");
            cells.Add(trial.UserAttributes.ContainsKey(StudyAttributes.WarmStartFrom) ? "yes" : "");
            cells.AddRange(names.Select(n => trial.Parameters.TryGetValue(n, out var value) ? ReportData.Label(value) : ""));
            html.Append("<tr>").Append(string.Concat(cells.Select(c => $"<td>{Encode(c)}</td>"))).Append("</tr>");
        }

        return html.Append("</table></section>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
