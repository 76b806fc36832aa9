namespace HyperDsl.Runtime.Search;

/// <summary>A trial as samplers and pruners see it: its number, the values it was given, how it ended, and what it reported on the way.</summary>
/// <param name="Number">The trial's number in the study, from 0.</param>
/// <param name="Parameters">The value of each parameter it was asked for, by name.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Value">The objective, for a complete trial.</param>
public sealed record TrialRecord(int Number, IReadOnlyDictionary<string, object> Parameters, TrialState State, double? Value = null)
{
    /// <summary>The objective reported at each step (epoch) so far, as Optuna's intermediate values.</summary>
    public IReadOnlyDictionary<int, double> Intermediate { get; init; } = new Dictionary<int, double>();

    /// <summary>Every objective's value, for a complete trial of a study with several objectives (<see cref="Value"/> is the first).</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Copied from a previous version of the study (a warm start) rather than suggested in this one.</summary>
    public bool WarmStarted { get; init; }

    /// <summary>The last step reported, or null before the first report.</summary>
    public int? LastStep => Intermediate.Count == 0 ? null : Intermediate.Keys.Max();
}
