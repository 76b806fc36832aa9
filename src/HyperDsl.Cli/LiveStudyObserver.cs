using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HyperDsl.Cli;

/// <summary>
/// Progress on a terminal, redrawn in place: the study's progress bar, each running trial's epoch
/// and metrics, the latest finished trials, and the best so far.
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

            var best = BestTrials.Of([.. _finished.Select(f => f.Trial)], [.. objectives.Select(o => o.Direction)]);
            if (best.Count > 0)
            {
                rows.Add(new Markup($"[bold]best so far[/]: {string.Join("; ", best.Take(3).Select(t => $"trial {t.Number}: {Markup.Escape(StudyMessages.Values(t, objectives))}"))}"));
            }

            return new Rows(rows);
        }
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
            if (trial.State != TrialState.Failed || !trial.SystemAttributes.ContainsKey(StudyAttributes.Recoverable))
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
