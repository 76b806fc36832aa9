namespace HyperDsl.Runtime.Search;

/// <summary>A trial as samplers see it: its number, the values it was given, and how it ended.</summary>
/// <param name="Number">The trial's number in the study, from 0.</param>
/// <param name="Parameters">The value of each parameter it was asked for, by name.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Value">The objective, for a complete trial.</param>
public sealed record TrialRecord(int Number, IReadOnlyDictionary<string, object> Parameters, TrialState State, double? Value = null);
