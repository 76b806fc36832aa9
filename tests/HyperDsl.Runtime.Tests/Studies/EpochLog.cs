using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Tests.Studies;

/// <summary>Which (trial, epoch) pairs were trained, in order.</summary>
internal sealed class EpochLog : IStudyObserver
{
    private readonly object _gate = new();

    public List<(int Trial, int Epoch)> Trained { get; } = [];

    /// <summary>Each trial's epochs, as its epochs were announced.</summary>
    public Dictionary<int, int> Announced { get; } = [];

    public void StudyStarted(StudyStart start)
    {
    }

    public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin)
    {
    }

    public void EpochFinished(int number, EpochMetrics metrics, int epochs)
    {
        lock (_gate)
        {
            Trained.Add((number, metrics.Epoch));
            Announced[number] = epochs;
        }
    }

    public void TrialFinished(StoredTrial trial, TimeSpan duration)
    {
    }

    public void StudyFinished(StudyResult result)
    {
    }
}
