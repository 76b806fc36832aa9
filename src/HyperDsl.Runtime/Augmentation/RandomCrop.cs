using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Cuts a random size x size window out of each image (and its mask), after padding with zeros
/// (masks: the ignore index); copies pixels exactly (nearest sampling at integer offsets).
/// </summary>
internal sealed class RandomCrop(int size, int padding) : IMaskAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var theta = Windows(images, generator);
        return AffineSampler.Sample(images, theta, size, size, nearest: true).MoveToOuterDisposeScope();
    }

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator)
    {
        using var scope = NewDisposeScope();
        var theta = Windows(images, generator);
        var cropped = AffineSampler.Sample(images, theta, size, size, nearest: true);
        var croppedMasks = MaskSampler.Sample(masks, theta, size, size, ignoreIndex);
        return (cropped.MoveToOuterDisposeScope(), croppedMasks.MoveToOuterDisposeScope());
    }

    private Tensor Windows(Tensor images, Generator generator)
    {
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        if (size > height + (2 * padding) || size > width + (2 * padding))
        {
            throw new InvalidOperationException($"random_crop({size}, padding: {padding}) cannot cut a {size} x {size} window from {height} x {width} images.");
        }

        var dy = RandomDraw.Integers(count, -padding, height + padding - size, generator, images.device);
        var dx = RandomDraw.Integers(count, -padding, width + padding - size, generator, images.device);
        return AffineSampler.WindowMaps(dy, dx, size, size, height, width);
    }
}
