using System.CommandLine;

namespace HyperDsl.Cli;

/// <summary><c>hyp trials FILE</c>: the study's trials as a table.</summary>
internal static class TrialsCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .hyp spec whose study to show." };
        var options = new StudyOptions();
        var command = new Command("trials", "Show every trial of a spec's study: state, objectives, parameters and epochs (* marks the best).")
        {
            file, options.Experiment, options.Storage, options.Study,
        };
        command.SetAction(parse => StudyQuery.With(parse.GetRequiredValue(file), options.Read(parse), console, (spec, store, version, objectives) =>
        {
            var trials = store.Trials(version.StudyId);
            console.Out.Write($"study '{version.StudyName}' (version {version.Version}) in {store.Location}: {trials.Count} trials\n");
            var best = Runtime.Studies.BestTrials.Of(trials, store.Directions(version.StudyId));
            StudyReport.Write(console, TrialTable.Render(trials, objectives, spec.Definition.SearchSpace.Select(p => p.Name), [.. best.Select(t => t.Id)]));
            return ExitCodes.Success;
        }));
        return command;
    }
}
