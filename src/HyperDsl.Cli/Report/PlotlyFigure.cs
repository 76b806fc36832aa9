using System.Text.Json.Nodes;

namespace HyperDsl.Cli.Report;

/// <summary>One plot of the report, as plotly.js takes it: its traces and layout.</summary>
/// <param name="Key">The view it belongs to (the section's id: <c>history</c>, <c>importance</c>, ...).</param>
/// <param name="Data">The traces.</param>
/// <param name="Layout">The layout (title, axes).</param>
internal sealed record PlotlyFigure(string Key, JsonArray Data, JsonObject Layout);
