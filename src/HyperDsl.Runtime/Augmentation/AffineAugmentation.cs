using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// A geometric augmentation made of one random affine map per image (a crop window, a shift, a
/// turn): the image is sampled through it, and a mask through the same map with nearest neighbours
/// and the ignore index outside, so each pixel keeps its class. A subclass draws the maps only.
/// </summary>
internal abstract class AffineAugmentation : IMaskAugmentation
{
    /// <summary>True to sample the images with nearest neighbours (whole-pixel moves), false for bilinear.</summary>
    protected abstract bool Nearest { get; }

    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (height, width) = OutputSize(images);
        return AffineSampler.Sample(images, Maps(images, generator), height, width, Nearest).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (height, width) = OutputSize(images);
        var theta = Maps(images, generator);
        var moved = AffineSampler.Sample(images, theta, height, width, Nearest);
        var movedMasks = MaskSampler.Sample(masks, theta, height, width, ignoreIndex);
        return (moved.MoveToOuterDisposeScope(), movedMasks.MoveToOuterDisposeScope());
    }

    /// <summary>The batch's affine maps (B x 2 x 3, as <see cref="AffineSampler"/> takes them), drawn from <paramref name="generator"/>.</summary>
    protected abstract Tensor Maps(Tensor images, Generator generator);

    /// <summary>The size of the output images; by default the input's.</summary>
    protected virtual (long Height, long Width) OutputSize(Tensor images) => (images.shape[2], images.shape[3]);
}
