using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Studies;

/// <summary>What a running study tells whoever shows its progress (a console, a test). Called from the trial's thread.</summary>
public interface IStudyObserver
{
    /// <summary>The study is open: its version, what it already holds, and what this run will do.</summary>
    void StudyStarted(StudyStart start);

    /// <summary>A trial starts at a point.</summary>
    void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin);

    /// <summary>A trial finished an epoch of its <paramref name="epochs"/> (its own: a searched <c>epochs</c> differs from trial to trial).</summary>
    void EpochFinished(int number, EpochMetrics metrics, int epochs);

    /// <summary>A trial ended (complete, pruned or failed).</summary>
    void TrialFinished(StoredTrial trial, TimeSpan duration);

    /// <summary>The run is over.</summary>
    void StudyFinished(StudyResult result);
}

/// <summary>An observer that shows nothing.</summary>
public sealed class SilentStudyObserver : IStudyObserver
{
    /// <summary>The one instance.</summary>
    public static SilentStudyObserver Instance { get; } = new();

    /// <inheritdoc />
    public void StudyStarted(StudyStart start)
    {
    }

    /// <inheritdoc />
    public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin)
    {
    }

    /// <inheritdoc />
    public void EpochFinished(int number, EpochMetrics metrics, int epochs)
    {
    }

    /// <inheritdoc />
    public void TrialFinished(StoredTrial trial, TimeSpan duration)
    {
    }

    /// <inheritdoc />
    public void StudyFinished(StudyResult result)
    {
    }
}
