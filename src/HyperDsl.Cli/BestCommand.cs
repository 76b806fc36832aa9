using System.CommandLine;

namespace HyperDsl.Cli;

/// <summary><c>hyp best FILE</c>: the best trial (the Pareto front with several objectives), its parameters, metrics and weights.</summary>
internal static class BestCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .hyp spec whose study to ask." };
        var options = new StudyOptions();
        var command = new Command("best", "Show the best trial of a spec's study (the Pareto front when it has several objectives), with its parameters, metrics and saved weights.")
        {
            file, options.Experiment, options.Storage, options.Study,
        };
        command.SetAction(parse => StudyQuery.With(parse.GetRequiredValue(file), options.Read(parse), console, (spec, store, version, objectives) =>
        {
            var best = Runtime.Studies.BestTrials.Of(store.Trials(version.StudyId), store.Directions(version.StudyId));
            StudyReport.Best(console, best, objectives, version.StudyName);
            return ExitCodes.Success;
        }));
        return command;
    }
}
