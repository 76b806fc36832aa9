using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies;

/// <summary>One objective of a study: a metric, how it is measured, and which way is better.</summary>
/// <param name="Metric">
/// The metric's name as the spec writes it and studies store it: a per-epoch metric
/// (<c>val_accuracy</c>, <c>val_loss</c>, <c>train_loss</c>, <c>val_top5</c>, <c>val_auc</c>),
/// <c>test_accuracy</c> (measured once after training), or <c>model.params</c> / <c>model.flops</c>
/// (known without training).
/// </param>
/// <param name="Direction">Whether larger or smaller is better.</param>
/// <param name="Source">How a trial measures it; the trial decides on this, not on <paramref name="Metric"/>.</param>
public sealed record Objective(string Metric, StudyDirection Direction, MetricSource Source)
{
    /// <summary>Whether the value is known before any training (and so costs nothing).</summary>
    public bool IsStatic => Source is MetricSource.ModelParams or MetricSource.ModelFlops;

    /// <summary>The spec's words: <c>maximize val_accuracy</c>.</summary>
    public override string ToString() => $"{(Direction == StudyDirection.Maximize ? "maximize" : "minimize")} {Metric}";
}
