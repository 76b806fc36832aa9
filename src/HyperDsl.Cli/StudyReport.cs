using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HyperDsl.Cli;

/// <summary>What <c>hyp run</c> prints at the end and <c>hyp trials</c> / <c>hyp best</c> print on demand.</summary>
internal static class StudyReport
{
    /// <summary>A Spectre console over <paramref name="console"/>'s output: colour on a terminal, plain and wide (no wrapping) otherwise.</summary>
    public static IAnsiConsole Ansi(CliConsole console)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = console.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = console.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!console.IsTerminal)
        {
            ansi.Profile.Width = 400;
        }

        return ansi;
    }

    /// <summary>Writes a renderable: through Spectre on a terminal; otherwise plain, without trailing spaces, so logs and baselines diff cleanly.</summary>
    public static void Write(CliConsole console, IRenderable renderable)
    {
        if (console.IsTerminal)
        {
            Ansi(console).Write(renderable);
            return;
        }

        var text = new StringWriter();
        Ansi(console with { Out = text }).Write(renderable);
        foreach (var line in text.ToString().Split('\n'))
        {
            console.Out.Write(line.TrimEnd() + "\n");
        }
    }

    public static void Summary(CliConsole console, StudyResult result, IReadOnlyList<Objective> objectives, IEnumerable<string> space)
    {
        var best = result.Best;
        console.Out.Write("\n");
        Write(console, TrialTable.Render(result.Trials, objectives, space, [.. best.Select(t => t.Id)]));
        Best(console, best, objectives, result.Version.StudyName);
    }

    public static void Best(CliConsole console, IReadOnlyList<StoredTrial> best, IReadOnlyList<Objective> objectives, string study)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (best.Count == 0)
        {
            console.Out.Write($"'{study}' has no complete trial yet.\n");
            return;
        }

        console.Out.Write((best.Count == 1 || objectives.Count == 1
            ? $"Best trial of '{study}': #{best[0].Number}"
            : $"Pareto front of '{study}' ({string.Join(", ", objectives)}): {best.Count} trials") + "\n");
        foreach (var trial in best)
        {
            var lines = new List<string>();
            if (best.Count > 1)
            {
                lines.Add($"trial #{trial.Number}");
            }

            lines.Add($"  {StudyMessages.Values(trial, objectives)}");
            lines.AddRange(trial.Parameters.Select(p => $"  {StudyFormat.Name(p.Key)} = {StudyFormat.Parameter(p.Value)}"));
            if (trial.UserAttributes.TryGetValue(StudyAttributes.Metrics, out var metrics))
            {
                lines.Add($"  last epoch: {LastEpoch(metrics)}");
            }

            if (StudyAttributes.Text(trial.UserAttributes, StudyAttributes.Weights) is { } weights && File.Exists(weights))
            {
                lines.Add($"  weights: {weights}");
            }

            foreach (var line in lines)
            {
                console.Out.Write(line + "\n");
            }
        }
    }

    private static string LastEpoch(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return string.Join("  ", document.RootElement.EnumerateObject().Select(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Number
            ? $"{p.Name} {(p.Name == "epoch" ? p.Value.GetRawText() : StudyFormat.Value(p.Value.GetDouble()))}"
            : $"{p.Name} {p.Value}"));
    }

    /// <summary>The study version for the spec as it is now, else the latest one (with a note on stderr), else null with an error.</summary>
    public static StudyVersion? Find(IStudyStore store, StudySpec spec, string? studyName, CliConsole console)
    {
        var name = studyName ?? spec.Definition.Name;
        var versions = store.StudyVersions(name);
        if (versions.FirstOrDefault(v => v.Spec.Hash == spec.Definition.StudyHash) is { } current)
        {
            return current;
        }

        if (versions.Count == 0)
        {
            console.Error.WriteLine($"hyp: error: {store.Location} has no study '{name}' yet; run `hyp run {spec.Path}` first.");
            return null;
        }

        var latest = versions[^1];
        console.Error.WriteLine($"hyp: note: the spec changed since the last run; showing '{latest.StudyName}' (version {latest.Version}), made from the earlier spec.");
        return latest;
    }

    public static IReadOnlyList<Objective> Objectives(IStudyStore store, StudyVersion version, StudySpec spec)
    {
        // A study made from an earlier spec keeps its own objectives (their names are stored with it).
        var directions = store.Directions(version.StudyId);
        var current = spec.Definition.Plan.Objectives;
        if (version.Spec.Hash == spec.Definition.StudyHash || !store.StudyUserAttributes(version.StudyId).TryGetValue("objectives", out var json))
        {
            return current;
        }

        var names = System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];
        return [.. names.Select((n, i) => new Objective(n.Split(' ', 2)[^1], i < directions.Count ? directions[i] : StudyDirection.Maximize, MetricSource.Recorded))];
    }
}
