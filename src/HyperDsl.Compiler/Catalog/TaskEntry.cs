namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// A learning task a spec may declare with the data section's <c>task</c> setting, what it means for
/// the model's output and labels, and whether this version trains it. The checker refuses a declared
/// task it does not train at the setting (HYP5022), with <see cref="NotYet"/> as the reason, instead of
/// training it as classification; data sources, transforms, losses and metrics say which tasks they
/// serve (<see cref="CatalogEntry.Tasks"/>, <see cref="MetricEntry.Task"/>).
/// </summary>
/// <param name="Name">The keyword: <c>classification</c>, <c>segmentation</c>, <c>detection</c>.</param>
/// <param name="NotYet">Why it is not trained yet; null for a task this version trains.</param>
public sealed record TaskEntry(string Name, string? NotYet = null)
{
    /// <summary>
    /// True when the model predicts a class per pixel: its output must be classes x H x W, H x W the
    /// size of its input, and labels are masks, so transforms must move them with the images.
    /// </summary>
    public bool PerPixel { get; init; }
}
