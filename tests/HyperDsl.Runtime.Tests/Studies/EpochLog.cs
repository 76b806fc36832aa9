using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Tests.Studies;

/// <summary>Which (trial, epoch) pairs were trained, in order.</summary>
internal sealed class EpochLog : IStudyObserver
{
    private readonly object _gate = new();

    public List<(int Trial, int Epoch)> Trained { get; } = [];

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
        }
    }

    public void TrialFinished(StoredTrial trial, TimeSpan duration)
    {
    }

    public void StudyFinished(StudyResult result)
    {
    }
}
