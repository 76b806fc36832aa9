using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Cuts a random size x size window out of each image (and its mask), after padding with zeros
/// (masks: the ignore index); copies pixels exactly (nearest sampling at integer offsets).
/// </summary>
internal sealed class RandomCrop(int size, int padding) : AffineAugmentation
{
    protected override bool Nearest => true;

    protected override (long Height, long Width) OutputSize(Tensor images) => (size, size);

    protected override Tensor Maps(Tensor images, Generator generator)
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
