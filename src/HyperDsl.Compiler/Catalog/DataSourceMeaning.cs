using System.Collections.Immutable;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// What a data source means, in one place for the shape check, the training checks and the code
/// generator: the images it gives (a fixed shape, or the arguments that say it), how many classes,
/// and how generated code loads it. Every data source entry has one.
/// </summary>
/// <param name="Load">How generated code loads it.</param>
public sealed record DataSourceMeaning(DataRuntimeCall Load)
{
    /// <summary>The [channels, height, width] of every image when the source fixes it (Fashion-MNIST: 1x28x28), otherwise empty.</summary>
    public ImmutableArray<long> FixedShape { get; init; } = [];

    /// <summary>The number of classes when the source fixes it.</summary>
    public long? FixedClasses { get; init; }

    /// <summary>The parameter giving the image shape as [channels, height, width] (or [height, width], one channel).</summary>
    public string? ShapeParameter { get; init; }

    /// <summary>The parameter giving the channel count (its default when left out).</summary>
    public string? ChannelsParameter { get; init; }

    /// <summary>The parameter giving the number of classes.</summary>
    public string? ClassesParameter { get; init; }

    /// <summary>
    /// The parameter giving the number of images when the source is made, not read (synthetic), in
    /// balanced classes: the checker then knows whether a validation share leaves a split empty.
    /// </summary>
    public string? CountParameter { get; init; }

    /// <summary>True when, without its classes argument, the source has as many classes as the data holds, known only when it is loaded.</summary>
    public bool CountsClassesWhenLoaded { get; init; }

    /// <summary>
    /// The parameter naming a folder with one sub-folder per class: without its classes argument,
    /// the host counts those sub-folders at check time (<c>IDataFolderReader</c>), so the model's
    /// outputs are checked against them before any run.
    /// </summary>
    public string? ClassFoldersParameter { get; init; }

    /// <summary>True when the source searches standard places for its files when given no folder.</summary>
    public bool SearchesStandardPlaces { get; init; }

    /// <summary>
    /// True when <see cref="Load"/> returns the training and test splits (<c>DataSplits</c>) rather
    /// than one dataset, so it cannot be a validation or test source of its own yet.
    /// </summary>
    public bool LoadsSplits { get; init; }

    /// <summary>
    /// True when the images are decoded once, at the data section's <c>resize</c> (given to the
    /// loader as <c>height:</c> and <c>width:</c>), so that size cannot be searched.
    /// </summary>
    public bool DecodesAtResize { get; init; }
}
