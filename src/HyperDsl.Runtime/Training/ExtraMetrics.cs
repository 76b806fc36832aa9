namespace HyperDsl.Runtime.Training;

/// <summary>
/// Validation metrics computed only when the <c>metrics</c> setting asks for them (they cost a
/// little per batch, AUC also memory for every score); loss and accuracy are always reported.
/// </summary>
[Flags]
public enum ExtraMetrics
{
    /// <summary>Loss and accuracy only.</summary>
    None = 0,

    /// <summary>Top-5 accuracy (<c>metrics top5</c>), reported as <see cref="EpochMetrics.ValTop5"/>.</summary>
    Top5 = 1,

    /// <summary>ROC AUC (<c>metrics auc</c>), reported as <see cref="EpochMetrics.ValAuc"/>.</summary>
    Auc = 2,
}
