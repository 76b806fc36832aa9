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
        var (headings, rows) = Table(data);
        var html = new StringBuilder("<section id=\"view-trials\"><h2>Trials</h2><p class=\"note\">* marks the best trial (the Pareto front with several objectives).</p><table class=\"trials\"><tr><th>#</th>");
        foreach (var heading in headings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Encode(heading)}</th>");
        }

        html.Append("</tr>");
        foreach (var row in rows)
        {
            var number = row.Number.ToString(CultureInfo.InvariantCulture) + (row.Best ? " *" : "");
            html.Append("<tr>").Append(string.Concat(row.Cells.Prepend(number).Select(c => $"<td>{Encode(c)}</td>"))).Append("</tr>");
        }

        return html.Append("</table></section>").ToString();
    }

    /// <summary>The table as text, by trial number: the headings after the number's, and each trial's cells (the number apart).</summary>
    public static (IReadOnlyList<string> Headings, IReadOnlyList<TrialRow> Rows) Table(ReportData data)
    {
        var best = BestTrials.Of(data.Trials, [.. data.Objectives.Select(o => o.Direction)]).Select(t => t.Id).ToHashSet();
        var names = StudyFormat.ParameterNames(data.Trials, data.Space.Select(p => p.Name));
        var headings = new List<string> { "state" };
        headings.AddRange(data.Objectives.Select(o => o.Metric).Concat(["model params", "model FLOPs", "epochs", "warm start"]).Concat(names));
        var rows = new List<TrialRow>();
        foreach (var trial in data.Trials.OrderBy(t => t.Number))
        {
            var cells = new List<string> { StudyFormat.State(trial.State) };
            cells.AddRange(data.Objectives.Select((_, i) => trial.Values is { } v && i < v.Count ? StudyFormat.Value(v[i]) : ""));
            cells.Add(trial.UserAttributes.GetValueOrDefault(StudyAttributes.ModelParams) ?? "");
            cells.Add(trial.UserAttributes.GetValueOrDefault(StudyAttributes.ModelFlops) ?? "");
            cells.Add(trial.UserAttributes.GetValueOrDefault(StudyAttributes.Epochs) ?? "");
            cells.Add(trial.UserAttributes.ContainsKey(StudyAttributes.WarmStartFrom) ? "yes" : "");
            cells.AddRange(names.Select(n => trial.Parameters.TryGetValue(n, out var value) ? ReportData.Label(value) : ""));
            rows.Add(new TrialRow(trial.Number, best.Contains(trial.Id), cells));
        }

        return (headings, rows);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
