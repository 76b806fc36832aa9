using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// What <c>hyp run --warm-start</c> would do for a spec in a store, without writing anything:
/// the version it would continue or start, and how many finished trials of the previous
/// version it would carry over (by <see cref="StudyVersions"/>' own rule).
/// </summary>
/// <param name="ExistingVersion">The stored version made from this spec's study hash, which a run continues (nothing is carried over); null when a run starts a new one.</param>
/// <param name="Previous">The version a new one would carry trials over from: the latest stored one with another hash; null when there is none.</param>
/// <param name="Finished">The finished trials of <paramref name="Previous"/>.</param>
/// <param name="Carried">How many of them a warm start would carry over.</param>
public sealed record WarmStartPreview(StudyVersion? ExistingVersion, StudyVersion? Previous, int Finished, int Carried)
{
    /// <summary>Looks at the study <paramref name="studyName"/> in <paramref name="store"/> as a run of <paramref name="experiment"/> would.</summary>
    public static WarmStartPreview Of(IExperimentDefinition experiment, IStudyStore store, string studyName)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(store);
        var stored = store.StudyVersions(studyName);
        if (stored.FirstOrDefault(v => v.Spec.Hash == experiment.StudyHash) is { } existing)
        {
            return new WarmStartPreview(existing, null, 0, 0);
        }

        if (StudyVersions.PreviousOf(stored, experiment.StudyHash) is not { } previous)
        {
            return new WarmStartPreview(null, null, 0, 0);
        }

        var versions = new StudyVersions(store, experiment, point => PointConstraints.Satisfies(experiment, point));
        return new WarmStartPreview(null, previous, versions.Finished(previous).Count(), versions.Carried(previous).Count());
    }
}
