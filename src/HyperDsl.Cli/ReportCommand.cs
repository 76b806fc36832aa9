using System.CommandLine;
using HyperDsl.Cli.Report;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Cli;

/// <summary><c>hyp report FILE</c>: the study's plots in one self-contained HTML file.</summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .hyp spec whose study to report." };
        var options = new StudyOptions();
        var output = new Option<string?>("--output", "-o") { Description = "The HTML file to write (default: <spec>.report.html beside the spec)." };
        var seed = new Option<int>("--seed") { Description = "The seed of the importance's random forest.", DefaultValueFactory = _ => 0 };
        var command = new Command("report", "Write a spec's study as one HTML page that opens offline: optimization history, learning curves, parameter importance, parallel coordinates, slices, rank plots, EDF, the Pareto front for several objectives, and the spec.")
        {
            file, options.Experiment, options.Storage, options.Study, output, seed,
        };
        command.SetAction(parse => StudyQuery.With(parse.GetRequiredValue(file), options.Read(parse), console, (spec, store, version, objectives) =>
        {
            var trials = store.Trials(version.StudyId);
            if (!trials.Any(t => t.State == TrialState.Complete))
            {
                console.Error.WriteLine($"hyp: error: study '{version.StudyName}' has no finished trial yet; run `hyp run {spec.Path}` first.");
                return ExitCodes.UsageOrIo;
            }

            var (rankings, note) = StudyImportance.Evaluate(trials, spec.Definition.SearchSpace, objectives, version.StudyName, parse.GetValue(seed));
            var data = new ReportData(version, trials, objectives, StudyImportance.Space(trials, spec.Definition.SearchSpace), rankings, note)
            {
                Pruner = spec.Definition.Plan.Pruner,
                Shapes = spec.Shapes,
            };
            var path = parse.GetValue(output) ?? Path.ChangeExtension(spec.Path, null) + ".report.html";
            try
            {
                // Plotly.NET puts the meta charset after plotly.js, past the bytes a browser sniffs; the BOM says UTF-8 first.
                File.WriteAllText(path, HtmlReport.Render(data, store.Location), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"hyp: error: cannot write '{path}': {error.Message}");
                return ExitCodes.UsageOrIo;
            }

            console.Out.Write($"wrote {path}: study '{version.StudyName}', {trials.Count} trials\n");
            return ExitCodes.Success;
        }));
        return command;
    }
}
