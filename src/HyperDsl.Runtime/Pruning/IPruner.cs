using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Decides, after each report of a running trial, whether to stop it early. Pruners keep no
/// state of their own: every decision is a function of the trials' reported curves, so a
/// resumed study prunes exactly as the interrupted one would have.
/// </summary>
public interface IPruner
{
    /// <summary>Whether <paramref name="trial"/>, which has just reported its latest step, should stop.</summary>
    /// <param name="trial">The running trial, with every step it has reported.</param>
    /// <param name="study">Every other trial of the study, in any state.</param>
    bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> study);
}
