using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Shifts each image (and its mask) by whole pixels, up to a fraction of its size each way; uncovered
/// pixels are 0 (masks: the ignore index).
/// </summary>
internal sealed class Translation(double maxFractionX, double maxFractionY) : AffineAugmentation
{
    protected override bool Nearest => true;

    protected override Tensor Maps(Tensor images, Generator generator)
    {
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        var maxX = (long)Math.Round(maxFractionX * width);
        var maxY = (long)Math.Round(maxFractionY * height);
        var dy = RandomDraw.Integers(count, -maxY, maxY, generator, images.device);
        var dx = RandomDraw.Integers(count, -maxX, maxX, generator, images.device);
        return AffineSampler.WindowMaps(dy, dx, height, width, height, width);
    }
}
