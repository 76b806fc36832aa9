using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// Finds the study version for a spec: the one made from the same study hash, or a new one
/// (with the <c>try</c> points queued and, on request, the previous version's finished trials
/// that still fit carried over).
/// </summary>
internal sealed class StudyVersions(IStudyStore store, IExperimentDefinition experiment, Func<object, bool> satisfies)
{
    public (StudyVersion Version, bool IsNew, StudyVersion? Previous) Resolve(string name, SpecRecord spec)
    {
        var versions = store.StudyVersions(name);
        var previous = PreviousOf(versions, spec.Hash);
        if (versions.FirstOrDefault(v => v.Spec.Hash == spec.Hash) is { } existing)
        {
            return (existing, false, null);
        }

        var created = store.CreateStudyVersion(name, spec, [.. experiment.Plan.Objectives.Select(o => o.Direction)]);
        store.SetStudyUserAttribute(created.StudyId, "objectives", JsonValues.Of(experiment.Plan.Objectives.Select(o => o.ToString()).ToList()));
        return (created, true, previous);
    }

    /// <summary>The version a new one for <paramref name="hash"/> follows (and warm-starts from): the latest stored with another hash.</summary>
    public static StudyVersion? PreviousOf(IReadOnlyList<StudyVersion> versions, string hash) => versions.LastOrDefault(v => v.Spec.Hash != hash);

    /// <summary>Queues the spec's <c>try</c> points once per study version.</summary>
    public void QueueTryPoints(StudyVersion version) =>
        QueueOnce(version, StudyAttributes.TryPointsQueued, experiment.Plan.TryPoints, "try");

    /// <summary>
    /// Queues every grid point once per study version, in the grid's order: workers then claim
    /// them as they claim any queued trial, so each point runs exactly once however many
    /// processes share the study, and a resumed study picks up the points still waiting.
    /// </summary>
    public void QueueGrid(StudyVersion version, GridSampler grid) =>
        QueueOnce(version, StudyAttributes.GridQueued, grid.Points, "grid");

    private void QueueOnce(StudyVersion version, string marker, IReadOnlyList<IReadOnlyDictionary<string, object>> points, string origin)
    {
        if (points.Count == 0)
        {
            return;
        }

        var origins = new Dictionary<string, string> { [StudyAttributes.Origin] = JsonValues.Of(origin) };
        store.EnqueueTrialsOnce(version.StudyId, marker, [.. points.Select(p => (p, (IReadOnlyDictionary<string, string>?)origins))]);
    }

    /// <summary>Copies the finished trials of <paramref name="previous"/> whose points lie inside the new space; returns how many.</summary>
    public int WarmStart(StudyVersion previous, StudyVersion version)
    {
        var copied = 0;
        foreach (var (old, recorded) in Carried(previous))
        {
            var trial = store.CreateRunningTrial(version.StudyId);
            foreach (var (distribution, value) in recorded)
            {
                store.SetParameter(trial.Id, distribution, value);
            }

            foreach (var (step, value) in old.Intermediate)
            {
                store.ReportIntermediate(trial.Id, step, value);
            }

            store.SetTrialUserAttribute(trial.Id, StudyAttributes.WarmStartFrom, JsonValues.Of($"{previous.StudyName}#{old.Number}"));
            if (old.SystemAttributes.TryGetValue(StudyAttributes.SpecHash, out var hash))
            {
                store.SetTrialSystemAttribute(trial.Id, StudyAttributes.SpecHash, hash);
            }

            store.FinishTrial(trial.Id, TrialState.Complete, old.Values);
            copied++;
        }

        return copied;
    }

    /// <summary>
    /// The finished trials of <paramref name="previous"/> that a warm start carries over, with
    /// their points as the new space records them: those the new spec samples to exactly the
    /// same parameters, every value inside its new domain, meeting the new constraints.
    /// </summary>
    public IEnumerable<(StoredTrial Trial, IReadOnlyList<(ParameterSpace Distribution, object Value)> Recorded)> Carried(StudyVersion previous)
    {
        var space = experiment.SearchSpace.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var old in Finished(previous))
        {
            var replay = new FixedSuggestions(old.Parameters, fallback: null);
            var recorder = new RecordingSuggestions(replay, space);
            object point;
            try
            {
                point = experiment.Sample(recorder);
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            var asked = recorder.Recorded.Select(r => r.Distribution.Name).ToHashSet(StringComparer.Ordinal);
            if (replay.Missing.Count > 0 || replay.OutOfRange.Count > 0 || !asked.SetEquals(old.Parameters.Keys) || !satisfies(point))
            {
                continue;
            }

            yield return (old, [.. recorder.Recorded]);
        }
    }

    /// <summary>The trials of <paramref name="previous"/> a warm start considers: complete, with values.</summary>
    public IEnumerable<StoredTrial> Finished(StudyVersion previous) =>
        store.Trials(previous.StudyId).Where(t => t.State == TrialState.Complete && t.Values is not null);
}
