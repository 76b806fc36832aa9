namespace HyperDsl.Cli.Report;

/// <summary>One view of the report as the page shows it.</summary>
/// <param name="Key">Its id (<c>history</c>, <c>importance</c>, ...); the page's section is <c>view-{Key}</c>.</param>
/// <param name="Title">Its heading.</param>
/// <param name="Figures">Its plots; none when the study has nothing for it yet.</param>
/// <param name="Note">What the page says instead of plots when there are none.</param>
internal sealed record ReportSection(string Key, string Title, IReadOnlyList<PlotlyFigure> Figures, string Note);
