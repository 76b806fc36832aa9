using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Cuts a random window from each zero-padded image; whole-pixel offsets, so pixels are copied, not blended.</summary>
internal sealed class RandomCrop(int size, int padding) : IBatchAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        if (size > height + (2 * padding) || size > width + (2 * padding))
        {
            throw new InvalidOperationException($"random_crop({size}, padding: {padding}) cannot cut a {size} x {size} window from {height} x {width} images.");
        }

        using var scope = NewDisposeScope();
        var dy = RandomDraw.Integers(count, -padding, height + padding - size, generator, images.device);
        var dx = RandomDraw.Integers(count, -padding, width + padding - size, generator, images.device);
        var theta = AffineSampler.WindowMaps(dy, dx, size, size, height, width);
        return AffineSampler.Sample(images, theta, size, size, nearest: true).MoveToOuterDisposeScope();
    }
}
