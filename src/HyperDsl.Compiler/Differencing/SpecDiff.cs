using System.Collections.Immutable;
using HyperDsl.Compiler.Checking;

namespace HyperDsl.Compiler.Differencing;

/// <summary>What changed in meaning between two versions of a spec file: one entry per experiment of either.</summary>
public sealed record SpecDiff(ImmutableArray<ExperimentDiff> Experiments)
{
    /// <summary>True when any experiment changed in meaning, budget or name, or was added or removed.</summary>
    public bool HasChanges => Experiments.Any(e => e.HasChanges);
}

/// <summary>
/// The semantic changes of one experiment, grouped by section, with the study hashes and the
/// static model figures before and after. An experiment only in the new file has no
/// <see cref="OldName"/>; one only in the old file has no <see cref="NewName"/>.
/// </summary>
/// <param name="OldName">The experiment's name in the old file; null when it is new.</param>
/// <param name="NewName">The experiment's name in the new file; null when it was removed.</param>
/// <param name="Changes">Every change, section by section in source order.</param>
/// <param name="OldHash">The old study hash; null when the experiment is new.</param>
/// <param name="NewHash">The new study hash; null when it was removed.</param>
/// <param name="Before">The old model's parameter counts and FLOPs, as <c>hyp check --summary</c> shows them; null without a model or a shape check.</param>
/// <param name="After">The new model's figures.</param>
public sealed record ExperimentDiff(
    string? OldName,
    string? NewName,
    ImmutableArray<SpecChange> Changes,
    string? OldHash,
    string? NewHash,
    ShapeSummary? Before,
    ShapeSummary? After)
{
    /// <summary>The name to show: the new one, else the old one.</summary>
    public string Name => NewName ?? OldName ?? "";

    /// <summary>True when something changed (the name, the meaning or the budget).</summary>
    public bool HasChanges => Changes.Length > 0 || OldName != NewName;

    /// <summary>
    /// True when trials of the old spec do not mean the same under the new one: a run of the new
    /// spec starts a new study version (a renamed experiment keeps its hash but, by default, not its study).
    /// </summary>
    public bool NewStudyVersion => OldHash is not null && NewHash is not null && OldHash != NewHash;
}

/// <summary>The part of an experiment a change is in.</summary>
public enum DiffSection
{
    /// <summary>The experiment itself: its name.</summary>
    Experiment,

    /// <summary>The <c>params</c> section.</summary>
    Parameters,

    /// <summary><c>require</c> constraints.</summary>
    Constraints,

    /// <summary>The <c>model</c> section.</summary>
    Model,

    /// <summary>The blocks the model may use.</summary>
    Blocks,

    /// <summary>The <c>data</c> section.</summary>
    Data,

    /// <summary>The <c>train</c> section.</summary>
    Training,

    /// <summary>The <c>tune</c> section: objectives and budget.</summary>
    Tuning,
}

/// <summary>What happened to the thing a change is about.</summary>
public enum ChangeKind
{
    /// <summary>Only the new spec has it.</summary>
    Added,

    /// <summary>Only the old spec has it.</summary>
    Removed,

    /// <summary>The same thing under another name.</summary>
    Renamed,

    /// <summary>Both have it, meaning different things.</summary>
    Changed,
}

/// <summary>One semantic change.</summary>
/// <param name="Section">Where it is.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Subject">What it is about: a parameter or setting name, or a statement's place such as <c>model[5]</c> (1-based; the new position for an insertion, the old one otherwise).</param>
/// <param name="Aspect">Which part changed, for a thing kept: <c>domain</c> or <c>condition</c> of a parameter, <c>parameters</c> of a block; null otherwise.</param>
/// <param name="Before">The old spec's text of it, on one line; null when added.</param>
/// <param name="After">The new spec's text of it, on one line; null when removed.</param>
public sealed record SpecChange(DiffSection Section, ChangeKind Kind, string Subject, string? Aspect, string? Before, string? After);
