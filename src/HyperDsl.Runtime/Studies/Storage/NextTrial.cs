namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>What <see cref="IStudyStore.StartNextTrial"/> did.</summary>
/// <param name="Trial">The trial it started (running), or null when it started none.</param>
/// <param name="WasWaiting">Whether the trial was a queued one, with its values in the <c>fixed_params</c> system attribute.</param>
/// <param name="BudgetReached">Whether it started none because the budget's trials already count.</param>
public sealed record NextTrial(StoredTrial? Trial, bool WasWaiting, bool BudgetReached);
