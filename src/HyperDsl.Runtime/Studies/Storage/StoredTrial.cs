using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>A trial as the store holds it.</summary>
/// <param name="Id">The store's key (Optuna's <c>trial_id</c>).</param>
/// <param name="Number">The trial's number in its study, from 0.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Values">One value per objective for a complete (or pruned) trial, else null.</param>
/// <param name="Parameters">Each parameter's value: a double (float parameters), a long (int parameters) or one of the choices (categorical).</param>
/// <param name="Distributions">Each parameter's distribution, with no condition.</param>
/// <param name="Intermediate">The values reported by step.</param>
/// <param name="Started">When it started running (local time, as Optuna), or null while waiting.</param>
/// <param name="Completed">When it ended, or null.</param>
/// <param name="UserAttributes">User attributes, key to JSON.</param>
/// <param name="SystemAttributes">System attributes, key to JSON (<c>fixed_params</c>, <c>fail_reason</c>, ...).</param>
public sealed record StoredTrial(
    long Id,
    int Number,
    TrialState State,
    IReadOnlyList<double>? Values,
    IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyDictionary<string, ParameterSpace> Distributions,
    IReadOnlyDictionary<int, double> Intermediate,
    DateTime? Started,
    DateTime? Completed,
    IReadOnlyDictionary<string, string> UserAttributes,
    IReadOnlyDictionary<string, string> SystemAttributes)
{
    /// <summary>The trial as samplers and pruners see it, judged on objective <paramref name="objective"/>.</summary>
    public TrialRecord ToRecord(int objective = 0) =>
        new(Number, Parameters, State, Values is { } v && objective < v.Count ? v[objective] : null) { Intermediate = Intermediate, Values = Values, WarmStarted = UserAttributes.ContainsKey(StudyAttributes.WarmStartFrom) };
}
