using System.Globalization;
using System.Text.Json.Nodes;
using HyperDsl.Cli.Report;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Cli.Serve;

/// <summary>
/// The JSON that the live page polls and draws from. Text from the spec or the store travels as JSON
/// strings (whose encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>), and the page puts it in
/// with <c>textContent</c>; the one HTML fragment, the header, is HTML-encoded by <see cref="HtmlReport.Header"/>.
/// </summary>
internal static class ServeJson
{
    /// <summary><c>/api/version</c>: the change token, the number of trials, how many finished, and when the last one started or ended.</summary>
    public static string Version(LiveSnapshot snapshot) => new JsonObject
    {
        ["version"] = snapshot.Version,
        ["trials"] = snapshot.Trials.Count,
        ["finished"] = snapshot.Trials.Count(t => t.State is TrialState.Complete or TrialState.Pruned or TrialState.Failed),
        ["lastChange"] = snapshot.LastChange?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
    }.ToJsonString();

    /// <summary><c>/api/views</c>: the header, every view's figures (or its note), and the trial table as text.</summary>
    public static string Views(LiveSnapshot snapshot, string storeLocation)
    {
        var data = snapshot.Data.Value;
        var sections = new JsonArray();
        foreach (var section in HtmlReport.Sections(data))
        {
            sections.Add(new JsonObject
            {
                ["key"] = section.Key,
                ["title"] = section.Title,
                ["note"] = section.Note,
                ["figures"] = new JsonArray([.. section.Figures.Select(f => new JsonObject { ["data"] = f.Data, ["layout"] = f.Layout })]),
            });
        }

        var (headings, rows) = TrialTableSection.Table(data);
        return new JsonObject
        {
            ["version"] = snapshot.Version,
            ["header"] = HtmlReport.Header(data, storeLocation),
            ["sections"] = sections,
            ["trials"] = new JsonObject
            {
                ["headings"] = Report.Plotly.Strings(headings),
                ["rows"] = new JsonArray([.. rows.Select(r => new JsonObject
                {
                    ["number"] = r.Number,
                    ["best"] = r.Best,
                    ["cells"] = Report.Plotly.Strings(r.Cells),
                })]),
            },
        }.ToJsonString();
    }
}
