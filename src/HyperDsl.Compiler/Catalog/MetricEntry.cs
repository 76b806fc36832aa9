using HyperDsl.Compiler.Checking;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// A metric that objectives, early stopping and pruners may name, with what it means: what the
/// trainer needs to report it (the checker says so when it is missing), how the runtime measures
/// it, and for a static metric how the checker computes it from the model alone.
/// </summary>
/// <param name="Name">The name as written in a spec and stored with studies: <c>val_accuracy</c>, <c>model.params</c>.</param>
/// <param name="Source">The member of the runtime's <c>HyperDsl.Runtime.Studies.MetricSource</c> that a generated objective on it carries.</param>
public sealed record MetricEntry(string Name, string Source)
{
    /// <summary>For a metric the trainer measures each epoch (which early stopping can watch): the member of the runtime's <c>HyperDsl.Runtime.Training.Metric</c>.</summary>
    public string? EpochMetric { get; init; }

    /// <summary>The keyword of the train section's <c>metrics</c> setting without which the trainer does not compute it (<c>auc</c>), if any.</summary>
    public string? NeedsExtra { get; init; }

    /// <summary>
    /// Whether it is measured on the test split, which a <c>test</c> source gives, or a source that
    /// loads its own test split (<see cref="DataSourceMeaning.LoadsSplits"/>: Fashion-MNIST, CIFAR).
    /// </summary>
    public bool NeedsTestSplit { get; init; }

    /// <summary>Whether it is measured on the validation split, which only the data section's <c>validation</c> setting gives (no source loads one).</summary>
    public bool NeedsValidation { get; init; }

    /// <summary>For a static metric, known without training: its value from the model's statistics.</summary>
    public Func<ModelStatistics, long>? FromModel { get; init; }

    /// <summary>For a static metric: the parameter of the generated <c>SatisfiesModel(p, modelParams, modelFlops)</c> that carries the built model's figure.</summary>
    public string? ModelArgument { get; init; }

    /// <summary>The task (<see cref="BuiltinCatalog.Tasks"/>) whose trainer measures it, or null for every task (losses, model figures).</summary>
    public string? Task { get; init; }

    /// <summary>Whether it is known from the model alone, before any training.</summary>
    public bool IsStatic => FromModel is not null;
}

/// <summary>A keyword of the train section's <c>metrics</c> setting.</summary>
/// <param name="Name">The keyword: <c>accuracy</c>, <c>top5</c>, ...</param>
/// <param name="RuntimeFlag">The member of the runtime's <c>HyperDsl.Runtime.Training.ExtraMetrics</c> it turns on; null for a metric the trainer reports anyway.</param>
public sealed record ExtraMetric(string Name, string? RuntimeFlag)
{
    /// <summary>The task (<see cref="BuiltinCatalog.Tasks"/>) whose trainer computes it, or null for every task.</summary>
    public string? Task { get; init; }
}
