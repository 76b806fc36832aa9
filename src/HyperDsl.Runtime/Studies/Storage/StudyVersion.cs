namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>One version of an experiment's study: the Optuna study made for one spec hash.</summary>
/// <param name="StudyId">The Optuna study's id.</param>
/// <param name="StudyName">The Optuna study's name: the experiment for version 1, <c>{experiment}@v{k}</c> after.</param>
/// <param name="Experiment">The experiment (or the <c>--study</c> name) the versions belong to.</param>
/// <param name="Version">1, 2, ...</param>
/// <param name="Spec">The spec it was made from.</param>
/// <param name="Created">When (local time).</param>
public sealed record StudyVersion(long StudyId, string StudyName, string Experiment, int Version, SpecRecord Spec, DateTime Created);
