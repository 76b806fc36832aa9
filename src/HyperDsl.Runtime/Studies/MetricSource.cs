namespace HyperDsl.Runtime.Studies;

/// <summary>
/// How a trial measures an objective's metric. Generated code gives each <see cref="Objective"/>
/// the source the compiler's catalogue names for its metric, so the runtime decides on this
/// value, never on the metric's name (which is only shown and stored).
/// </summary>
public enum MetricSource
{
    /// <summary>The mean training loss of an epoch (<c>train_loss</c>).</summary>
    TrainLoss,

    /// <summary>The validation loss of an epoch (<c>val_loss</c>); needs a validation split.</summary>
    ValLoss,

    /// <summary>The validation accuracy of an epoch (<c>val_accuracy</c>); needs a validation split.</summary>
    ValAccuracy,

    /// <summary>The validation top-5 accuracy of an epoch (<c>val_top5</c>); needs a validation split.</summary>
    ValTop5,

    /// <summary>The validation ROC AUC of an epoch (<c>val_auc</c>); needs a validation split.</summary>
    ValAuc,

    /// <summary>The accuracy on the test split, measured once after training (<c>test_accuracy</c>).</summary>
    TestAccuracy,

    /// <summary>The validation mean IoU of a segmentation model (best epoch).</summary>
    ValMiou,

    /// <summary>The validation pixel accuracy of a segmentation model (best epoch).</summary>
    ValPixelAccuracy,

    /// <summary>The model's trainable parameters (<c>model.params</c>), known without training.</summary>
    ModelParams,

    /// <summary>The model's FLOPs for one image (<c>model.flops</c>), known without training.</summary>
    ModelFlops,

    /// <summary>A metric of an earlier study version, known only by the name stored with it: shown in reports, never measured.</summary>
    Recorded,
}
