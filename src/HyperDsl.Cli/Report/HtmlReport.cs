using System.Globalization;
using System.Net;
using System.Text;
using Giraffe.ViewEngine;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Checking;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Plotly.NET;
using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace HyperDsl.Cli.Report;

/// <summary>
/// The report as one HTML file that opens offline: Plotly.NET writes the document with plotly.js
/// inlined (its embedded copy, licence header included) and a chart per figure; the sections,
/// the study's facts and the spec text are plain HTML around them. Text from the spec or the store
/// reaches the page HTML-encoded, and reaches the plots' scripts as JSON whose encoder escapes
/// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so no value can close a script element.
/// </summary>
internal static class HtmlReport
{
    /// <summary>Each view in the order the page shows it: its section id, heading, and what the page says when it has nothing to draw.</summary>
    private static readonly (string Key, string Title, Func<ReportData, IEnumerable<PlotlyFigure>> Build, Func<ReportData, string> Empty)[] Views =
    [
        ("history", "Optimization history", HistoryView.Build, _ => "No complete trial yet."),
        ("intermediate", "Intermediate values (learning curves)", IntermediateView.Build, _ => "No trial reported a value per epoch."),
        ("importance", "Parameter importance", ImportanceView.Build, d => d.ImportanceNote ?? "No parameters to rank."),
        ("parallel", "Parallel coordinates", ParallelCoordinatesView.Build, _ => "No complete trial with parameters yet."),
        ("slice", "Slices of the most important parameters", SliceView.Build, _ => "No complete trial with parameters yet."),
        ("rank", "Rank of the trials by parameter", RankView.Build, _ => "No complete trial with parameters yet."),
        ("contour", "Contour of the two most important parameters", ContourView.Build, _ => ""),
        ("edf", "Empirical distribution (EDF)", EdfView.Build, _ => "No complete trial yet."),
        ("pareto", "Pareto front", ParetoView.Build, _ => ""),
        ("hypervolume", "Hypervolume history", HypervolumeHistoryView.Build, _ => ""),
        ("timeline", "Timeline", TimelineView.Build, _ => "No trial has started."),
    ];

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; margin-top: 2em; }
        pre { background: #f6f6f6; padding: 1em; overflow: auto; } .note { color: #666; }
        nav a { margin-right: 1em; } table.facts td { padding: 0.1em 1em 0.1em 0; }
        table.trials { border-collapse: collapse; font-size: 0.85em; } table.trials td, table.trials th { border: 1px solid #ddd; padding: 0.2em 0.5em; text-align: right; }
        """;

    public static string Render(ReportData data, string storeLocation)
    {
        var body = new List<XmlNode>
        {
            HtmlElements.rawText(Header(data, storeLocation)),
        };

        var navigation = new StringBuilder("<nav>");
        var sections = new List<XmlNode>();
        foreach (var section in Sections(data))
        {
            navigation.Append(CultureInfo.InvariantCulture, $"<a href=\"#view-{section.Key}\">{Encode(section.Title)}</a>");
            sections.Add(HtmlElements.rawText($"<section id=\"view-{section.Key}\"><h2>{Encode(section.Title)}</h2>"));
            if (section.Figures.Count == 0)
            {
                sections.Add(HtmlElements.rawText($"<p class=\"note\">{Encode(section.Note)}</p>"));
            }

            foreach (var figure in section.Figures)
            {
                sections.AddRange(Chart(figure));
            }

            sections.Add(HtmlElements.rawText("</section>"));
        }

        navigation.Append("<a href=\"#view-trials\">Trials</a><a href=\"#view-spec\">Spec</a></nav>");
        body.Add(HtmlElements.rawText(navigation.ToString()));
        body.AddRange(sections);
        body.Add(HtmlElements.rawText(TrialTableSection.Render(data)));
        body.Add(HtmlElements.rawText(SpecSection(data)));
        return Document(
            $"{data.Version.StudyName}: HyperDsl study report",
            $"The trials of study '{data.Version.StudyName}' plotted by hyp report.",
            body);
    }

    /// <summary>The views that have something to show, in the page's order: a view with no figure and no note is left out.</summary>
    public static IEnumerable<ReportSection> Sections(ReportData data)
    {
        foreach (var (key, title, build, empty) in Views)
        {
            var figures = build(data).ToList();
            var note = empty(data);
            if (figures.Count > 0 || note.Length > 0)
            {
                yield return new ReportSection(key, title, figures, note);
            }
        }
    }

    /// <summary>
    /// A whole page: <paramref name="body"/> after plotly.js (inlined, so the page needs no network) and the report's style.
    /// Plotly.NET puts the title and description in the page HTML-encoded.
    /// </summary>
    public static string Document(string title, string description, IEnumerable<XmlNode> body, string extraStyle = "")
    {
        var head = ListModule.OfSeq(new[] { HtmlElements.rawText($"<style>{Style}{extraStyle}</style>") });
        var document = HTML.Doc(
            body,
            title,
            description,
            "utf-8",
            HtmlElements.rawText(""),
            PlotlyJSReference.Full,
            FSharpOption<FSharpList<XmlNode>>.Some(head),
            FSharpOption<FSharpList<XmlNode>>.None);
        return RenderView.AsString.htmlDocument(document);
    }

    /// <summary>One figure as a chart element and the script that draws it (its JSON escapes what could close the script).</summary>
    public static IEnumerable<XmlNode> Chart(PlotlyFigure figure) =>
        HTML.CreateChartHTML(figure.Data.ToJsonString(), figure.Layout.ToJsonString(), Config, PlotlyJSReference.NoReference);

    /// <summary>The plots' plotly.js configuration.</summary>
    public const string Config = """{"responsive":true,"displaylogo":false}""";

    /// <summary>The study's heading and facts (store, version, trial counts, objectives, parameters), HTML-encoded.</summary>
    public static string Header(ReportData data, string storeLocation)
    {
        var counts = data.Trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {StudyFormat.State(g.Key)}");
        var warm = data.Trials.Count(t => t.UserAttributes.ContainsKey(StudyAttributes.WarmStartFrom));
        var rows = new List<(string, string)>
        {
            ("store", storeLocation),
            ("version", $"{data.Version.Version} (made {data.Version.Created.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)})"),
            ("trials", $"{data.Trials.Count}: {string.Join(", ", counts)}" + (warm > 0 ? $"; {warm} carried over by a warm start" : "")),
            ("objectives", string.Join(", ", data.Objectives)),
            ("parameters", string.Join(", ", data.Space.Select(Describe))),
        };
        if (data.Shapes is { } shapes)
        {
            rows.Add(("model", ModelFacts(shapes)));
        }

        var facts = string.Concat(rows.Select(r => $"<tr><td>{Encode(r.Item1)}</td><td>{Encode(r.Item2)}</td></tr>"));
        return $"<h1>Study '{Encode(data.Version.StudyName)}' of experiment '{Encode(data.Version.Experiment)}'</h1><table class=\"facts\">{facts}</table>";
    }

    private static string Describe(ParameterSpace parameter) => parameter switch
    {
        FloatSpace f => $"{f.Name} ~ {(f.Log ? "log " : "")}[{ReportData.Label(f.Low)}, {ReportData.Label(f.High)}]",
        IntSpace i => $"{i.Name} ~ int{(i.Log ? " log" : "")} [{i.Low}, {i.High}]",
        CategoricalSpace c => $"{c.Name} ~ choice({string.Join(", ", c.Choices.Select(ReportData.Label))})",
        _ => parameter.Name,
    } + (parameter.Condition is { } condition ? $" when {condition}" : "");

    /// <summary>The space's static facts as <c>hyp check</c> proves them: the model's trainable parameters and forward FLOPs, least to most over the space.</summary>
    private static string ModelFacts(ShapeSummary shapes)
    {
        var points = shapes.Points.ToString("N0", CultureInfo.InvariantCulture);
        var proof = shapes.Exhaustive
            ? shapes.Points == 1 ? "the architecture has no searched parameter" : $"over all {points} architecture points"
            : $"at {points} representative points (the space is too large or continuous to list)";
        return $"{Range(shapes.MinParameters, shapes.MaxParameters)} trainable parameters, {Range(shapes.MinFlops, shapes.MaxFlops)} FLOPs per sample (forward); {proof}";
    }

    private static string Range(long low, long high) =>
        low == high ? CheckedExperimentFormatter.Compact(low) : $"{CheckedExperimentFormatter.Compact(low)} - {CheckedExperimentFormatter.Compact(high)}";

    /// <summary>The spec's text, HTML-encoded.</summary>
    public static string SpecSection(ReportData data)
    {
        var spec = data.Version.Spec;
        return $"<section id=\"view-spec\"><h2>Spec</h2><p>{Encode(spec.Path)}, hash <code>{Encode(spec.Hash)}</code>, checked by hyp {Encode(spec.CompilerVersion)}</p><pre>{Encode(spec.Text)}</pre></section>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
