using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HyperDsl.Cli;

/// <summary>
/// Progress on a terminal, redrawn in place: the study's progress bar, each running trial's epoch
/// and metrics, the latest finished trials, and a table of the best so far (the Pareto front with several objectives).
/// </summary>
internal sealed class LiveStudyObserver(IReadOnlyList<Objective> objectives) : IStudyObserver
{
    private const int Recent = 8;
    private readonly object _gate = new();
    private readonly Dictionary<int, (IReadOnlyDictionary<string, object> Parameters, EpochMetrics? Metrics, int Epochs)> _running = [];
    private readonly List<(StoredTrial Trial, TimeSpan Duration)> _finished = [];
    private string _header = "";
    private int? _budget;
    private int _done;
    private LiveDisplayContext? _context;

    public void Attach(LiveDisplayContext context)
    {
        lock (_gate)
        {
            _context = context;
            Refresh();
        }
    }

    public IRenderable Render()
    {
        lock (_gate)
        {
            var rows = new List<IRenderable> { new Markup(Markup.Escape(_header)) };
            var width = 40;
            var filled = _budget is { } b && b > 0 ? (int)Math.Round(width * Math.Min(1.0, _done / (double)b)) : 0;
            rows.Add(new Markup($"[green]{new string('━', filled)}[/][grey]{new string('━', width - filled)}[/] {_done}{(_budget is { } n ? $"/{n}" : "")} trials"));
            foreach (var (number, (parameters, metrics, epochs)) in _running.OrderBy(r => r.Key))
            {
                rows.Add(new Markup($"[yellow]trial {number}[/] epoch {metrics?.Epoch ?? 0}/{epochs}  {Markup.Escape(metrics is null ? "" : StudyMessages.Metrics(metrics))}"));
                rows.Add(new Markup($"  [grey]{Markup.Escape(StudyFormat.Points(parameters))}[/]"));
            }

            if (_finished.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).Title("latest trials");
                table.AddColumn(new TableColumn("#").RightAligned());
                table.AddColumn("outcome");
                table.AddColumn(new TableColumn("time").RightAligned());
                foreach (var (trial, duration) in _finished.TakeLast(Recent))
                {
                    table.AddRow(trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(StudyMessages.Outcome(trial, objectives)), StudyFormat.Duration(duration));
                }

                rows.Add(table);
            }

            var complete = _finished.Select(f => f.Trial).Where(t => t.State == TrialState.Complete && t.Values is not null).ToList();
            if (complete.Count > 0)
            {
                rows.Add(BestSoFar(complete));
            }

            return new Rows(rows);
        }
    }

    // The best three (one objective) or the Pareto front (several), with their parameters.
    private Table BestSoFar(List<StoredTrial> complete)
    {
        var directions = objectives.Select(o => o.Direction).ToList();
        var best = directions.Count == 1
            ? complete.OrderBy(t => (directions[0] == StudyDirection.Maximize ? -1 : 1) * t.Values![0]).ThenBy(t => t.Number).Take(3).ToList()
            : [.. BestTrials.Of(complete, directions).Take(5)];
        var table = new Table().Border(TableBorder.Rounded).Title(directions.Count == 1 ? "best so far" : "Pareto front so far");
        table.AddColumn(new TableColumn("#").RightAligned());
        foreach (var objective in objectives)
        {
            table.AddColumn(new TableColumn(Markup.Escape(objective.Metric)).RightAligned());
        }

        table.AddColumn("parameters");
        foreach (var trial in best)
        {
            var cells = new List<string> { trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            cells.AddRange(trial.Values!.Select(StudyFormat.Value));
            cells.Add(Markup.Escape(StudyFormat.Points(trial.Parameters)));
            table.AddRow([.. cells]);
        }

        return table;
    }

    public void StudyStarted(StudyStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        lock (_gate)
        {
            _header = StudyMessages.Opened(start);
            _budget = start.Budget;
            _done = start.Existing;
            Refresh();
        }
    }

    public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin)
    {
        lock (_gate)
        {
            _running[number] = (parameters, null, 0);
            Refresh();
        }
    }

    public void EpochFinished(int number, EpochMetrics metrics, int epochs)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(number, out var running))
            {
                _running[number] = (running.Parameters, metrics, epochs);
            }

            Refresh();
        }
    }

    public void TrialFinished(StoredTrial trial, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (_gate)
        {
            _running.Remove(trial.Number);
            _finished.Add((trial, duration));
            // A trial paused at a rung (promoting ASHA) is not done: it may be promoted; a recoverable failure runs again.
            if (trial.State is not (TrialState.Failed or TrialState.Running) || (trial.State == TrialState.Failed && !trial.SystemAttributes.ContainsKey(StudyAttributes.Recoverable)))
            {
                _done++;
            }

            Refresh();
        }
    }

    public void StudyFinished(StudyResult result)
    {
        lock (_gate)
        {
            _running.Clear();
            Refresh();
        }
    }

    private void Refresh()
    {
        if (_context is { } context)
        {
            context.UpdateTarget(Render());
            context.Refresh();
        }
    }
}
