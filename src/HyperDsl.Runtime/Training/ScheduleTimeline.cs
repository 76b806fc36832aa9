namespace HyperDsl.Runtime.Training;

/// <summary>What a schedule needs to know when it starts.</summary>
/// <param name="BaseLearningRate">The optimizer's learning rate.</param>
/// <param name="StepsPerEpoch">Optimizer steps (batches) in one epoch.</param>
/// <param name="TotalSteps">Steps this schedule runs for (the rest of training).</param>
/// <param name="HandOverLearningRate">The rate the next schedule starts at, for schedules that lead into one (warmup).</param>
internal sealed record ScheduleTimeline(double BaseLearningRate, long StepsPerEpoch, long TotalSteps, double HandOverLearningRate);
