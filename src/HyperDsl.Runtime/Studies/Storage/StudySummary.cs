using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>A study in a store, with its trial count.</summary>
public sealed record StudySummary(long Id, string Name, IReadOnlyList<StudyDirection> Directions, int TrialCount);
