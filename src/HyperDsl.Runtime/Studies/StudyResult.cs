using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Studies;

/// <summary>What a study run did and what the study now holds.</summary>
/// <param name="Version">The study version.</param>
/// <param name="Directions">The objectives' directions.</param>
/// <param name="Trials">Every trial of the study version, by number.</param>
/// <param name="Ran">Trials this run started.</param>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Message">What to tell the user about the stop (the last failures, the grid size, ...).</param>
public sealed record StudyResult(StudyVersion Version, IReadOnlyList<StudyDirection> Directions, IReadOnlyList<StoredTrial> Trials, int Ran, StudyStopReason Reason, string Message)
{
    /// <summary>The best complete trials: one for one objective, the Pareto front for several.</summary>
    public IReadOnlyList<StoredTrial> Best => BestTrials.Of(Trials, Directions);
}
