using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Studies.TensorBoard;

/// <summary>The scalars of one epoch as TensorBoard shows them, tagged with the spec's metric names.</summary>
internal static class EpochScalars
{
    public const string LearningRateTag = "learning_rate";

    public static IReadOnlyList<TensorBoardScalar> Of(EpochMetrics metrics)
    {
        var scalars = new List<TensorBoardScalar>
        {
            new("train_loss", metrics.TrainLoss, HParamsDataset.Training),
            new(LearningRateTag, metrics.LearningRate, HParamsDataset.Training),
        };
        void Add(string tag, double? value)
        {
            if (value is { } measured)
            {
                scalars.Add(new(tag, measured, HParamsDataset.Validation));
            }
        }

        Add("val_loss", metrics.ValLoss);
        Add("val_accuracy", metrics.ValAccuracy);
        Add("val_top5", metrics.ValTop5);
        Add("val_auc", metrics.ValAuc);
        Add("val_miou", metrics.ValMiou);
        Add("val_pixel_accuracy", metrics.ValPixelAccuracy);
        return scalars;
    }

    /// <summary>A finished trial's objective value, tagged <c>objective/val_accuracy</c>, <c>objective/model.params</c>, ...</summary>
    public static TensorBoardScalar Objective(Objective objective, double value) => new(
        $"objective/{objective.Metric}",
        value,
        objective.Metric.StartsWith("val_", StringComparison.Ordinal) ? HParamsDataset.Validation
            : objective.Metric.StartsWith("train_", StringComparison.Ordinal) ? HParamsDataset.Training
            : HParamsDataset.Unknown);
}
