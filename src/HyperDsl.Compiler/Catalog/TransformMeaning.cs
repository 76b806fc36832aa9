namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// What an image transform means, in one place for the binder, the shape check and the code
/// generator: how it changes the image size, and how generated code makes it for the augment
/// section and, where it treats every image the same way, for the evaluate section. Every
/// transform entry has one.
/// </summary>
/// <param name="Size">How it changes the image size.</param>
/// <param name="Augment">How generated code makes it in the augment section.</param>
public sealed record TransformMeaning(ImageSizeEffect Size, DataRuntimeCall Augment)
{
    /// <summary>How generated code makes it in the evaluate section; null for a random transform, which 'evaluate' refuses.</summary>
    public DataRuntimeCall? Evaluate { get; init; }

    /// <summary>The parameter giving the new size (size x size), for a transform that sets it.</summary>
    public string? SizeParameter { get; init; }

    /// <summary>The parameter giving the padding added on each side before a crop.</summary>
    public string? PaddingParameter { get; init; }

    /// <summary>
    /// A probability the runtime transform has no parameter for (rotate's p): when given, generated
    /// code wraps the transform so that each image is transformed with that probability.
    /// </summary>
    public string? WrappedProbability { get; init; }

    /// <summary>
    /// True for a batch-level mix of images and their labels (mixup, cutmix): generated code gives it to the
    /// trainer's mixing, after every per-image transform, so it must come last in 'augment' (HYP4051) and
    /// never in 'evaluate' (HYP4050); its runtime call makes an <c>IBatchMixing</c>.
    /// </summary>
    public bool MixesLabels { get; init; }

    /// <summary>True when it sets the image size (a crop or a resize).</summary>
    public bool SetsSize => Size != ImageSizeEffect.Keeps;
}

/// <summary>How a transform changes the size of the images.</summary>
public enum ImageSizeEffect
{
    /// <summary>The images keep their size (a flip, a rotation, colour changes).</summary>
    Keeps,

    /// <summary>A size x size window is cut out of the (padded) image, which must be at least that large.</summary>
    Crops,

    /// <summary>The image (or a random part of it) is resized to size x size, whatever its size was.</summary>
    Resizes,
}
