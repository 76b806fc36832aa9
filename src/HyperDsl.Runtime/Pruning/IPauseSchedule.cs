namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Where a study pauses its trials (their checkpoint written, the trial left running in the store) to decide how each goes on:
/// the rungs of promotion-based ASHA, the interval ends of population-based training.
/// </summary>
public interface IPauseSchedule
{
    /// <summary>The epoch a run that has trained <paramref name="epochsDone"/> epochs pauses at next, or null when it trains to the end.</summary>
    int? NextPause(int epochsDone);
}
