using System.Text.Json.Nodes;

namespace HyperDsl.Cli.Report;

/// <summary>Small builders for plotly.js figure JSON that every view uses.</summary>
internal static class Plotly
{
    /// <summary>Numbers for a trace; one that is not finite becomes null, a gap to plotly.js (JSON has no NaN).</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null)]);

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    public static JsonObject Layout(string title, string x, string y, bool logX = false) => new()
    {
        ["title"] = new JsonObject { ["text"] = title },
        ["xaxis"] = Axis(x, logX),
        ["yaxis"] = Axis(y, log: false),
        ["hovermode"] = "closest",
    };

    public static JsonObject Axis(string title, bool log) => log
        ? new JsonObject { ["title"] = new JsonObject { ["text"] = title }, ["type"] = "log" }
        : new JsonObject { ["title"] = new JsonObject { ["text"] = title } };
}
