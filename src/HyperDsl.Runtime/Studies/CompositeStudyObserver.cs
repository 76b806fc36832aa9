using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Studies;

/// <summary>Tells several observers each event, in order (e.g. the console's progress and TensorBoard output).</summary>
public sealed class CompositeStudyObserver(params IReadOnlyList<IStudyObserver> observers) : IStudyObserver
{
    /// <inheritdoc />
    public void StudyStarted(StudyStart start)
    {
        foreach (var observer in observers)
        {
            observer.StudyStarted(start);
        }
    }

    /// <inheritdoc />
    public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin)
    {
        foreach (var observer in observers)
        {
            observer.TrialStarted(number, parameters, origin);
        }
    }

    /// <inheritdoc />
    public void EpochFinished(int number, EpochMetrics metrics, int epochs)
    {
        foreach (var observer in observers)
        {
            observer.EpochFinished(number, metrics, epochs);
        }
    }

    /// <inheritdoc />
    public void TrialFinished(StoredTrial trial, TimeSpan duration)
    {
        foreach (var observer in observers)
        {
            observer.TrialFinished(trial, duration);
        }
    }

    /// <inheritdoc />
    public void StudyFinished(StudyResult result)
    {
        foreach (var observer in observers)
        {
            observer.StudyFinished(result);
        }
    }
}
