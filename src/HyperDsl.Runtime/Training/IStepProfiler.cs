namespace HyperDsl.Runtime.Training;

/// <summary>
/// Told by <see cref="Trainer"/> where each phase of a step ends, for the profile bench; the trainer
/// has none in normal use, and then its only cost is a null check per phase.
/// </summary>
internal interface IStepProfiler
{
    /// <summary>A step (or an evaluation) starts now.</summary>
    void Begin();

    /// <summary><paramref name="phase"/> has just ended: the time since the previous mark (or <see cref="Begin"/>) is its.</summary>
    void Mark(StepPhase phase);
}
