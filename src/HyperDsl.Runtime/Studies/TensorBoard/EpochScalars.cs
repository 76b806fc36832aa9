using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Studies.TensorBoard;

/// <summary>The scalars of one epoch as TensorBoard shows them, tagged with the spec's metric names.</summary>
internal static class EpochScalars
{
    /// <summary>What an epoch reports about the training itself rather than the model: plotted, but no HParams metric.</summary>
    private static readonly HashSet<string> TrainingFacts = new(StringComparer.Ordinal) { "learning_rate", "train_seconds", "images_per_second" };

    /// <summary>Whether the HParams table should list the scalar as a metric of the model.</summary>
    public static bool IsMetric(TensorBoardScalar scalar) => !TrainingFacts.Contains(scalar.Tag);

    public static IReadOnlyList<TensorBoardScalar> Of(EpochMetrics metrics)
    {
        var scalars = new List<TensorBoardScalar>
        {
            new("train_loss", metrics.TrainLoss, HParamsDataset.Training),
            new("learning_rate", metrics.LearningRate, HParamsDataset.Training),
            new("train_seconds", metrics.TrainSeconds, HParamsDataset.Training),
            new("images_per_second", metrics.ImagesPerSecond, HParamsDataset.Training),
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
