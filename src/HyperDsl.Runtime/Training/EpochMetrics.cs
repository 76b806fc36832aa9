namespace HyperDsl.Runtime.Training;

/// <summary>What one epoch measured; reported to <see cref="TrainingOptions.OnEpoch"/> (pruners decide on it).</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">The mean loss over the epoch's batches.</param>
/// <param name="ValLoss">The mean loss on the validation split, if there is one.</param>
/// <param name="ValAccuracy">The fraction of the validation split classified correctly, if there is one (not for segmentation: see <paramref name="ValPixelAccuracy"/>).</param>
/// <param name="LearningRate">The scheduled rate at the epoch's last step (before any per-group scale).</param>
/// <param name="TrainSeconds">Wall time of the epoch's training steps, without validation.</param>
/// <param name="ImagesPerSecond">Training images processed per second of <paramref name="TrainSeconds"/>.</param>
/// <param name="ValTop5">
/// <c>val_top5</c>: the fraction of the validation split whose label is among the 5 highest-scoring
/// classes (ties count for the label), when <see cref="TrainingOptions.Metrics"/> asks for <see cref="ExtraMetrics.Top5"/>.
/// </param>
/// <param name="ValAuc">
/// <c>val_auc</c>: the validation ROC AUC (binary for two classes, else the one-vs-rest macro
/// average), when <see cref="TrainingOptions.Metrics"/> asks for <see cref="ExtraMetrics.Auc"/>.
/// </param>
/// <param name="ValMiou">The mean IoU of a segmentation model on the validation split (the mean over classes in the masks or predictions), if measured.</param>
/// <param name="ValPixelAccuracy">The share of validation pixels a segmentation model classifies right, if measured.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double? ValLoss,
    double? ValAccuracy,
    double LearningRate,
    double TrainSeconds,
    double ImagesPerSecond,
    double? ValTop5 = null,
    double? ValAuc = null,
    double? ValMiou = null,
    double? ValPixelAccuracy = null)
{
    /// <summary>The value of <paramref name="metric"/>, if this epoch measured it.</summary>
    public double? Get(Metric metric) => metric switch
    {
        Metric.ValLoss => ValLoss,
        Metric.ValAccuracy => ValAccuracy,
        Metric.ValTop5 => ValTop5,
        Metric.ValAuc => ValAuc,
        Metric.ValMiou => ValMiou,
        Metric.ValPixelAccuracy => ValPixelAccuracy,
        _ => TrainLoss,
    };
}
