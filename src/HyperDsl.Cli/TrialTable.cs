using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HyperDsl.Cli;

/// <summary>A study's trials as a table: number, state, objectives, parameters and epochs (no times, so it is the same on every run).</summary>
internal static class TrialTable
{
    public static IRenderable Render(IReadOnlyList<StoredTrial> trials, IReadOnlyList<Objective> objectives, IEnumerable<string> space, IReadOnlyCollection<long>? best = null)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn("state");
        foreach (var objective in objectives)
        {
            table.AddColumn(new TableColumn(Markup.Escape(objective.Metric)).RightAligned());
        }

        var names = StudyFormat.ParameterNames(trials, space);
        foreach (var name in names)
        {
            table.AddColumn(new TableColumn(Markup.Escape(StudyFormat.Name(name))).RightAligned());
        }

        table.AddColumn(new TableColumn("epochs").RightAligned());
        foreach (var trial in trials.OrderBy(t => t.Number))
        {
            var cells = new List<string> { trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + (best?.Contains(trial.Id) == true ? " *" : ""), StudyFormat.State(trial.State) };
            for (var i = 0; i < objectives.Count; i++)
            {
                cells.Add(trial.Values is { } values && i < values.Count ? StudyFormat.Value(values[i]) : "");
            }

            cells.AddRange(names.Select(n => StudyFormat.Parameter(trial.Parameters.GetValueOrDefault(n))));
            cells.Add(trial.UserAttributes.TryGetValue(StudyAttributes.Epochs, out var epochs) ? epochs : "");
            table.AddRow([.. cells.Select(c => new Text(c))]);
        }

        return table;
    }
}
