namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Where a study pauses its trials (their checkpoint written, the trial left running in the store) to decide how each goes on:
/// the rungs of promotion-based ASHA and Hyperband, the interval ends of population-based training.
/// </summary>
public interface IPauseSchedule
{
    /// <summary>
    /// The epoch trial <paramref name="trial"/>, having trained <paramref name="epochsDone"/> epochs, pauses at next, or null when it
    /// trains to the end (the trial's number matters where trials have different rungs, as Hyperband's brackets do).
    /// </summary>
    int? NextPause(int trial, int epochsDone);
}

/// <summary>
/// A pause schedule whose paused trials wait to be promoted (promotion-based ASHA, and Hyperband's brackets of it): the study runner
/// asks it before starting a new trial which paused trial goes on, and the rest of the machinery (claiming the trial in the store,
/// resuming its checkpoint, pruning the unpromoted at the end, the budget) is the runner's, the same for every such schedule.
/// </summary>
public interface IPromotionSchedule : IPauseSchedule
{
    /// <summary>The epochs at which trial <paramref name="trial"/> pauses, lowest first (below the full epoch count).</summary>
    IReadOnlyList<int> RungsOf(int trial);

    /// <summary>
    /// The paused trial to promote now, or null when none may go on. <see cref="RungStanding.Values"/>[k] is a trial's value at the
    /// k-th of its own <see cref="RungsOf"/>, and <see cref="RungStanding.PausedAt"/> the index of the rung it is paused at.
    /// </summary>
    int? Promotion(IReadOnlyList<RungStanding> trials);
}
