using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace HyperDsl.Cli;

/// <summary><c>hyp importance FILE</c>: how much of each objective's variation each parameter explains (fANOVA).</summary>
internal static class ImportanceCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .hyp spec whose study to analyse." };
        var options = new StudyOptions();
        var seed = new Option<int>("--seed") { Description = "The random forest's seed; the same seed gives the same importances.", DefaultValueFactory = _ => 0 };
        var command = new Command("importance", "Rank the parameters of a spec's study by importance: the share of the objective's variance each explains (fANOVA over a random forest of the complete trials).")
        {
            file, options.Experiment, options.Storage, options.Study, seed,
        };
        command.SetAction(parse => StudyQuery.With(parse.GetRequiredValue(file), options.Read(parse), console, (spec, store, version, objectives) =>
        {
            var trials = store.Trials(version.StudyId);
            var (rankings, error) = StudyImportance.Evaluate(trials, spec.Definition.SearchSpace, objectives, version.StudyName, parse.GetValue(seed));
            if (error is not null)
            {
                console.Error.WriteLine($"hyp: error: {error}");
                return ExitCodes.UsageOrIo;
            }

            for (var i = 0; i < objectives.Count; i++)
            {
                var complete = Runtime.Analysis.FanovaImportance.UsableCount(trials.Select(t => t.ToRecord(i)), i);
                console.Out.Write($"{(i > 0 ? "\n" : "")}parameter importance in '{version.StudyName}' for {objectives[i]} (fANOVA, {complete} complete trials):\n");
                var table = new Table().Border(TableBorder.Simple);
                table.AddColumn("parameter");
                table.AddColumn(new TableColumn("importance").RightAligned());
                table.AddColumn(new TableColumn("share").RightAligned());
                foreach (var parameter in rankings[i])
                {
                    table.AddRow(
                        new Text(StudyFormat.Name(parameter.Name)),
                        new Text(parameter.VarianceFraction.ToString("0.000", CultureInfo.InvariantCulture)),
                        new Text(parameter.Share.ToString("0.0%", CultureInfo.InvariantCulture)));
                }

                StudyReport.Write(console, table);
            }

            console.Out.Write("importance: the fraction of the objective's variance the parameter explains alone; share: its part of the parameters' total.\n");
            return ExitCodes.Success;
        }));
        return command;
    }
}
