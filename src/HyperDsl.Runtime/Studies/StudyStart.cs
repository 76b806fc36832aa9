using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Studies;

/// <summary>What a study run found when it opened the study.</summary>
/// <param name="Version">The study version the run works on.</param>
/// <param name="IsNewVersion">True when this run created it (a new spec, or the first run).</param>
/// <param name="Store">Where the study lives.</param>
/// <param name="Budget">The trials the study should have, or null for no limit.</param>
/// <param name="Existing">Trials the study already counts toward the budget.</param>
/// <param name="Recovered">Trials left running by a process that died (or interrupted), now failed and re-queued.</param>
/// <param name="WarmStarted">Finished trials carried over from the previous version.</param>
/// <param name="PreviousVersion">The version before this one when the spec changed, or null.</param>
public sealed record StudyStart(StudyVersion Version, bool IsNewVersion, string Store, int? Budget, int Existing, int Recovered, int WarmStarted, StudyVersion? PreviousVersion)
{
    /// <summary>The data the trials train on, in one line (<see cref="Data.DataSplits.Describe"/>): how many images, their shape and which folder or files they came from.</summary>
    public string? Data { get; init; }
}
