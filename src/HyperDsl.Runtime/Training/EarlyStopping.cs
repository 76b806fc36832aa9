namespace HyperDsl.Runtime.Training;

/// <summary>Stops training when <paramref name="Metric"/> has not improved by more than <paramref name="MinDelta"/> for <paramref name="Patience"/> epochs (<c>early_stop metric, patience:</c>).</summary>
/// <param name="Metric">The metric watched.</param>
/// <param name="Patience">Epochs without improvement before stopping.</param>
/// <param name="MinDelta">The smallest change that counts as an improvement.</param>
public sealed record EarlyStopping(Metric Metric, int Patience, double MinDelta = 0);
