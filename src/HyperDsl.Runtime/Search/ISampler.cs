namespace HyperDsl.Runtime.Search;

/// <summary>
/// A search strategy. For each new trial it gives the suggestions that a generated
/// <c>Sample</c> method asks, one parameter at a time, knowing every earlier trial. Samplers
/// are deterministic: the same seed and the same history give the same suggestions.
/// </summary>
public interface ISampler
{
    /// <summary>Starts trial <paramref name="number"/> given the study so far.</summary>
    ITrialSuggestions StartTrial(IReadOnlyList<TrialRecord> history, int number);
}
