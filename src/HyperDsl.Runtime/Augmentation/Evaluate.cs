namespace HyperDsl.Runtime.Augmentation;

/// <summary>The deterministic transforms of the <c>evaluate { }</c> block, for validation and test images.</summary>
public static class Evaluate
{
    /// <summary>Resizes every image to <paramref name="size"/> x <paramref name="size"/> (<c>resize(n)</c>), bilinear, as the data section's <c>resize</c>.</summary>
    public static IBatchTransform Resize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return new Resize(size);
    }

    /// <summary>
    /// Cuts the central <paramref name="size"/> x <paramref name="size"/> window of every image
    /// (<c>center_crop(n)</c>), as torchvision's CenterCrop: an odd margin puts the window's
    /// offset at half the margin rounded to even, and an image smaller than the window is
    /// padded with zeros around it first.
    /// </summary>
    public static IBatchTransform CenterCrop(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return new CenterCrop(size);
    }

    /// <summary>Applies <paramref name="steps"/> in order.</summary>
    public static IBatchTransform Pipeline(params IBatchTransform[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return new TransformPipeline(steps);
    }
}
