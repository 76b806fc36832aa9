using System.Globalization;
using System.Net;
using System.Text;
using Giraffe.ViewEngine;
using HyperDsl.Cli.Report;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace HyperDsl.Cli.Serve;

/// <summary>
/// <c>/trial/N</c>: one trial's facts, failure reason, learning curve (the report's intermediate
/// view of this trial alone), parameters and attributes. Every value is HTML-encoded.
/// </summary>
internal static class TrialPage
{
    private const string Style = "table.attributes td { padding: 0.1em 1em 0.1em 0; vertical-align: top; } table.attributes td:first-child { white-space: nowrap; }";

    public static string Render(ReportData data, StoredTrial trial)
    {
        var study = data.Version.StudyName;
        var facts = new List<(string, string)> { ("state", StudyFormat.State(trial.State)) };
        for (var i = 0; i < data.Objectives.Count; i++)
        {
            facts.Add((data.Objectives[i].ToString(), trial.Values is { } v && i < v.Count ? StudyFormat.Value(v[i]) : ""));
        }

        facts.Add(("started", Time(trial.Started)));
        facts.Add(("ended", Time(trial.Completed)));
        if (trial.Started is { } start && trial.Completed is { } end)
        {
            facts.Add(("duration", $"{(end - start).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"));
        }

        var body = new List<XmlNode>
        {
            Raw($"<p><a href=\"/\">← study '{Encode(study)}'</a></p><h1>Trial #{trial.Number} of study '{Encode(study)}'</h1>"),
            Raw(Table("facts", facts)),
        };
        if (StudyAttributes.Text(trial.SystemAttributes, "fail_reason") is { } reason)
        {
            body.Add(Raw($"<section id=\"trial-failure\"><h2>Why it failed</h2><pre>{Encode(reason)}</pre></section>"));
        }

        body.Add(Raw("<section id=\"trial-curve\"><h2>Learning curve</h2>"));
        var curves = IntermediateView.Build(data with { Trials = [trial] }).ToList();
        body.AddRange(curves.Count == 0 ? [Raw("<p class=\"note\">This trial reported no value per epoch.</p>")] : curves.SelectMany(HtmlReport.Chart));
        body.Add(Raw("</section>"));
        body.Add(Raw(Section("trial-parameters", "Parameters", trial.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, ReportData.Label(p.Value))), "No parameters.")));
        body.Add(Raw(Section("trial-user-attributes", "Attributes", Attributes(trial.UserAttributes), "No attributes.")));
        body.Add(Raw(Section("trial-system-attributes", "System attributes", Attributes(trial.SystemAttributes), "No system attributes.")));
        return HtmlReport.Document($"Trial #{trial.Number} of {study}", $"Trial #{trial.Number} of study '{study}', from hyp serve.", body, Style);
    }

    /// <summary>Attributes by key; a JSON string is shown as its text, any other JSON value as written.</summary>
    private static IEnumerable<(string, string)> Attributes(IReadOnlyDictionary<string, string> attributes) => attributes
        .OrderBy(a => a.Key, StringComparer.Ordinal)
        .Select(a => (a.Key, StudyAttributes.Text(attributes, a.Key) ?? a.Value));

    private static string Section(string id, string title, IEnumerable<(string, string)> rows, string empty)
    {
        var list = rows.ToList();
        return $"<section id=\"{id}\"><h2>{Encode(title)}</h2>" + (list.Count == 0 ? $"<p class=\"note\">{Encode(empty)}</p>" : Table("attributes", list)) + "</section>";
    }

    private static string Table(string kind, IEnumerable<(string Key, string Value)> rows)
    {
        var html = new StringBuilder($"<table class=\"{kind}\">");
        foreach (var (key, value) in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(key)}</td><td>{Encode(value)}</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private static string Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static XmlNode Raw(string html) => HtmlElements.rawText(html);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
