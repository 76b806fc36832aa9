using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Cli;

/// <summary>Progress as plain lines, one per event: for logs, pipes and CI.</summary>
internal sealed class PlainStudyObserver(TextWriter output, IReadOnlyList<Objective> objectives) : IStudyObserver
{
    private readonly object _gate = new();

    public void StudyStarted(StudyStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Write(StudyMessages.Opened(start));
    }

    public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin) =>
        Write($"trial {number} ({origin}): {StudyFormat.Points(parameters)}");

    public void EpochFinished(int number, EpochMetrics metrics, int epochs)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Write($"trial {number} epoch {metrics.Epoch}/{epochs}: {StudyMessages.Metrics(metrics)}");
    }

    public void TrialFinished(StoredTrial trial, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(trial);
        Write($"trial {trial.Number} {StudyMessages.Outcome(trial, objectives)} ({StudyFormat.Duration(duration)})");
    }

    public void StudyFinished(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Write($"stopped: {result.Message}");
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            output.Write(line + "\n");
            output.Flush();
        }
    }
}
