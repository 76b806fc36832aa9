using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Studies;

/// <summary>Turns a stored trial back into the experiment's typed point (the generated <c>{Name}Params</c>).</summary>
public static class TrialPoints
{
    /// <summary>The point <paramref name="trial"/> ran at, as <paramref name="experiment"/>'s <c>Sample</c> builds it.</summary>
    /// <exception cref="ArgumentException">The trial's values do not fit the experiment's space (it comes from another spec version).</exception>
    public static object Replay(IExperimentDefinition experiment, StoredTrial trial)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(trial);
        var replay = new FixedSuggestions(trial.Parameters, fallback: null);

        // Through the recorder, as when the trial ran: stored choices are the spec's names, not the generated enum members.
        var point = experiment.Sample(new RecordingSuggestions(replay, experiment.SearchSpace.ToDictionary(p => p.Name, StringComparer.Ordinal)));
        if (replay.Missing.Count > 0 || replay.OutOfRange.Count > 0)
        {
            throw new ArgumentException($"Trial {trial.Number} does not fit the space of '{experiment.Name}': {string.Join(", ", replay.Missing.Concat(replay.OutOfRange))} {(replay.Missing.Count > 0 ? "missing or " : "")}out of range.", nameof(trial));
        }

        return point;
    }
}
