namespace HyperDsl.Runtime.Training;

/// <summary>What <see cref="Evaluator"/> measured on one split; the optional metrics only where asked for.</summary>
internal sealed record EvaluationResult(double Loss, double Accuracy, double? Top5, double? Auc, double? MeanIoU = null, double? PixelAccuracy = null);
