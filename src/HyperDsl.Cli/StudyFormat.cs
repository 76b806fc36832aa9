using System.Globalization;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>How studies' numbers, parameters and states read on the console and in exports.</summary>
internal static class StudyFormat
{
    public static string Value(double value) => double.IsFinite(value) && Math.Abs(value) is >= 1e-3 and < 1e5 or 0
        ? value.ToString(Math.Abs(value) >= 100 ? "0.##" : "0.0000", CultureInfo.InvariantCulture)
        : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// A parameter value as the console shows it. Stored values come from specs and from other
    /// tools' databases, so text is shown as a short excerpt with control characters escaped:
    /// a choice holding a terminal escape sequence prints as text, never acts on the terminal.
    /// </summary>
    public static string Parameter(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => DiagnosticText.Excerpt(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => DiagnosticText.Excerpt(value.ToString() ?? ""),
    };

    /// <summary>A parameter name as the console shows it (names in another tool's database are not checked by us).</summary>
    public static string Name(string name) => DiagnosticText.Excerpt(name);

    public static string State(TrialState state) => state switch
    {
        TrialState.Complete => "complete",
        TrialState.Pruned => "pruned",
        TrialState.Failed => "failed",
        TrialState.Running => "running",
        _ => "waiting",
    };

    public static string Points(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(" ", parameters.Select(p => $"{Name(p.Key)}={Parameter(p.Value)}"));

    public static string Duration(TimeSpan duration) => duration.TotalSeconds < 60
        ? duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : duration.TotalMinutes < 60 ? $"{(int)duration.TotalMinutes} min {duration.Seconds} s" : $"{(int)duration.TotalHours} h {duration.Minutes} min";

    /// <summary>Every parameter name the trials use, in the order of the space, then any others (from older versions).</summary>
    public static IReadOnlyList<string> ParameterNames(IEnumerable<StoredTrial> trials, IEnumerable<string> space)
    {
        var used = trials.SelectMany(t => t.Parameters.Keys).ToHashSet(StringComparer.Ordinal);
        var ordered = space.Where(used.Contains).ToList();
        ordered.AddRange(used.Except(ordered).Order(StringComparer.Ordinal));
        return ordered;
    }

    // Studies written before reasons were reduced (or by other tools) may hold LibTorch's native stack.
    public static string? FailReason(StoredTrial trial) =>
        StudyAttributes.Text(trial.SystemAttributes, "fail_reason") is { } reason ? Runtime.NativeErrorText.Reduce(reason) : null;
}
