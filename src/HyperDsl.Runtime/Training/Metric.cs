namespace HyperDsl.Runtime.Training;

/// <summary>A per-epoch metric that early stopping and best-weight selection can watch.</summary>
public enum Metric
{
    /// <summary>Validation loss (lower is better).</summary>
    ValLoss,

    /// <summary>Validation accuracy (higher is better).</summary>
    ValAccuracy,

    /// <summary>Mean training loss (lower is better).</summary>
    TrainLoss,

    /// <summary>Validation top-5 accuracy (higher is better); needs <see cref="ExtraMetrics.Top5"/>.</summary>
    ValTop5,

    /// <summary>Validation ROC AUC (higher is better); needs <see cref="ExtraMetrics.Auc"/>.</summary>
    ValAuc,

    /// <summary>The mean intersection over union of a segmentation model on the validation split.</summary>
    ValMiou,

    /// <summary>The share of validation pixels a segmentation model classifies right.</summary>
    ValPixelAccuracy,
}
