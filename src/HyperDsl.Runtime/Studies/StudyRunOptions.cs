using HyperDsl.Runtime.Data;

namespace HyperDsl.Runtime.Studies;

/// <summary>How one run of a study goes: the command line's overrides of the spec, and where things are.</summary>
public sealed record StudyRunOptions
{
    /// <summary>The spec file, as given (recorded with the study version; its folder is where relative data paths start, else the current folder).</summary>
    public string SpecPath { get; init; } = "";

    /// <summary>The spec file's text, recorded with the study version.</summary>
    public string SpecText { get; init; } = "";

    /// <summary>The HyperDsl version that compiled the spec.</summary>
    public string CompilerVersion { get; init; } = "";

    /// <summary>The study's name (its versions are <c>{name}@v2</c>, ...); the experiment's name when null.</summary>
    public string? StudyName { get; init; }

    /// <summary>Overrides the spec's <c>trials</c>: how many trials the study should have.</summary>
    public int? Trials { get; init; }

    /// <summary>Overrides the spec's <c>timeout</c>: stop starting trials after this long.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Overrides the spec's <c>seed</c> for the sampler.</summary>
    public long? Seed { get; init; }

    /// <summary>Stop the study after this many failed trials in a row.</summary>
    public int MaxConsecutiveFailures { get; init; } = 5;

    /// <summary>When the spec changed, carry the previous version's finished trials that lie inside the new space over to the new one.</summary>
    public bool WarmStart { get; init; }

    /// <summary>Where the best trials' weights are kept (one folder per study), or null to keep none.</summary>
    public string? WeightsDirectory { get; init; }

    /// <summary>How often a running trial tells the store it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A running trial with no heartbeat for this long belongs to a process that died.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Already loaded data, instead of the spec's data section (tests, benchmarks).</summary>
    public DataSplits? Data { get; init; }

    /// <summary>Write each trial's checkpoint after every this many epochs (0: none), so a trial whose worker died resumes from it once instead of from the start.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Also write a trial's checkpoint during an epoch once this long has passed since its last one (for long epochs); null: only at epochs' ends.</summary>
    public TimeSpan? CheckpointInterval { get; init; }

    /// <summary>Where checkpoints go (one folder per study); null writes none and resumes none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>What happens to a trial's checkpoint when it has finished.</summary>
    public CheckpointRetention CheckpointRetention { get; init; }

    /// <summary>
    /// A PBT schedule to replay as one trial (a member's lineage, <see cref="Population.PopulationLineage"/>): the trial trains each
    /// stretch's epochs with its values, resuming its own checkpoint at each boundary, instead of the study's sampler; null: none.
    /// </summary>
    public IReadOnlyList<Population.MemberStretch>? Replay { get; init; }
}
