using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli;

/// <summary><c>hyp export FILE --format csv|json</c>: every trial of the study, for spreadsheets, notebooks and other tools.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .hyp spec whose study to export." };
        var options = new StudyOptions();
        var format = new Option<ExportFormat>("--format") { Description = "csv (one row per trial) or json (everything, intermediate values included).", DefaultValueFactory = _ => ExportFormat.Csv };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: standard output)." };
        var command = new Command("export", "Write every trial of a spec's study as CSV or JSON.")
        {
            file, options.Experiment, options.Storage, options.Study, format, output,
        };
        command.SetAction(parse => StudyQuery.With(parse.GetRequiredValue(file), options.Read(parse), console, (spec, store, version, objectives) =>
        {
            var trials = store.Trials(version.StudyId);
            var names = StudyFormat.ParameterNames(trials, spec.Definition.SearchSpace.Select(p => p.Name));
            var text = parse.GetValue(format) == ExportFormat.Json ? Json(version, trials, objectives) : Csv(trials, objectives, names);
            if (parse.GetValue(output) is { } path)
            {
                try
                {
                    File.WriteAllText(path, text);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    console.Error.WriteLine($"hyp: error: cannot write '{path}': {error.Message}");
                    return ExitCodes.UsageOrIo;
                }

                console.Error.WriteLine($"wrote {trials.Count} trials to {path}");
            }
            else
            {
                console.Out.Write(text);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Csv(IReadOnlyList<StoredTrial> trials, IReadOnlyList<Objective> objectives, IReadOnlyList<string> names)
    {
        var text = new StringBuilder();
        var header = new List<string> { "number", "state" };
        header.AddRange(objectives.Select(o => o.Metric));
        header.AddRange(names);
        header.AddRange(["epochs", "started", "completed", "seconds", "fail_reason"]);
        text.Append(string.Join(",", header.Select(Cell))).Append('\n');
        foreach (var trial in trials)
        {
            var row = new List<string> { trial.Number.ToString(CultureInfo.InvariantCulture), StudyFormat.State(trial.State) };
            row.AddRange(objectives.Select((_, i) => trial.Values is { } v && i < v.Count ? v[i].ToString("R", CultureInfo.InvariantCulture) : ""));
            row.AddRange(names.Select(n => trial.Parameters.TryGetValue(n, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : ""));
            row.Add(trial.UserAttributes.GetValueOrDefault(StudyAttributes.Epochs, ""));
            row.Add(trial.Started?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "");
            row.Add(trial.Completed?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "");
            row.Add(trial is { Started: { } s, Completed: { } c } ? (c - s).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) : "");
            row.Add(StudyFormat.FailReason(trial) ?? "");
            text.Append(string.Join(",", row.Select(Cell))).Append('\n');
        }

        return text.ToString();
    }

    private static string Cell(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Json(StudyVersion version, IReadOnlyList<StoredTrial> trials, IReadOnlyList<Objective> objectives)
    {
        var document = new
        {
            study = version.StudyName,
            version = version.Version,
            spec_hash = version.Spec.Hash,
            objectives = objectives.Select(o => new { metric = o.Metric, direction = o.Direction.ToString().ToLowerInvariant() }),
            trials = trials.Select(t => new
            {
                number = t.Number,
                state = StudyFormat.State(t.State),
                values = t.Values,
                @params = t.Parameters,
                intermediate = t.Intermediate.OrderBy(i => i.Key).ToDictionary(i => i.Key.ToString(CultureInfo.InvariantCulture), i => double.IsFinite(i.Value) ? (double?)i.Value : null),
                started = t.Started,
                completed = t.Completed,
                fail_reason = StudyFormat.FailReason(t),
                user_attrs = t.UserAttributes.ToDictionary(a => a.Key, a => JsonDocument.Parse(a.Value).RootElement.Clone()),
            }),
        };
        return JsonSerializer.Serialize(document, Indented) + "\n";
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}

/// <summary>The formats of <c>hyp export</c>.</summary>
internal enum ExportFormat
{
    /// <summary>One row per trial.</summary>
    Csv,

    /// <summary>Everything, intermediate values included.</summary>
    Json,
}
