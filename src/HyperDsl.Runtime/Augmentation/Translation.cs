using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Shifts each image by whole pixels, up to a fraction of its size each way; uncovered pixels are 0.</summary>
internal sealed class Translation(double maxFractionX, double maxFractionY) : IBatchAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        var maxX = (long)Math.Round(maxFractionX * width);
        var maxY = (long)Math.Round(maxFractionY * height);
        using var scope = NewDisposeScope();
        var dy = RandomDraw.Integers(count, -maxY, maxY, generator, images.device);
        var dx = RandomDraw.Integers(count, -maxX, maxX, generator, images.device);
        var theta = AffineSampler.WindowMaps(dy, dx, height, width, height, width);
        return AffineSampler.Sample(images, theta, height, width, nearest: true).MoveToOuterDisposeScope();
    }
}
