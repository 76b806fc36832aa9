namespace HyperDsl.Runtime.Training;

/// <summary>The outcome of one training run.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Epochs">Every finished epoch's metrics, in order.</param>
/// <param name="TestAccuracy">Accuracy on the test split after training, if there is one and training did not fail.</param>
/// <param name="Failure">For <see cref="TrainingOutcome.Failed"/>, what went wrong and where.</param>
public sealed record TrainingResult(TrainingOutcome Outcome, IReadOnlyList<EpochMetrics> Epochs, double? TestAccuracy, string? Failure)
{
    /// <summary>The last finished epoch's metrics, if any.</summary>
    public EpochMetrics? Last => Epochs.Count > 0 ? Epochs[^1] : null;
}
