using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Cuts a random window from each image, its area a random fraction of the image and its
/// aspect ratio log-uniform, and resizes it (bilinear) to size x size, as torchvision's
/// RandomResizedCrop; windows are clamped to the image rather than redrawn. A mask is cut at the
/// same window and read at the same points with nearest neighbours.
/// </summary>
internal sealed class RandomResizedCrop(int size, double minScale, double maxScale, double minAspect, double maxAspect) : AffineAugmentation
{
    protected override bool Nearest => false;

    protected override (long Height, long Width) OutputSize(Tensor images) => (size, size);

    protected override Tensor Maps(Tensor images, Generator generator)
    {
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        var device = images.device;
        var area = RandomDraw.Uniform(count, minScale, maxScale, generator, device).mul_(height * width);
        var aspect = RandomDraw.Uniform(count, Math.Log(minAspect), Math.Log(maxAspect), generator, device).exp_();
        var w = area.mul(aspect).sqrt_().clamp_(1, width);
        var h = area.div(aspect).sqrt_().clamp_(1, height);
        var left = RandomDraw.Uniform(count, 0, 1, generator, device).mul_(w.neg().add_(width));
        var top = RandomDraw.Uniform(count, 0, 1, generator, device).mul_(h.neg().add_(height));

        // Output pixel centres spread evenly over the window: x_in = (w / W) x_out + (2 left + w) / W - 1.
        var theta = zeros([count, 2, 3], dtype: ScalarType.Float32, device: device);
        theta[TensorIndex.Colon, 0, 0] = w.div(width);
        theta[TensorIndex.Colon, 1, 1] = h.div(height);
        theta[TensorIndex.Colon, 0, 2] = left.mul(2).add_(w).div_(width).sub_(1);
        theta[TensorIndex.Colon, 1, 2] = top.mul(2).add_(h).div_(height).sub_(1);
        return theta;
    }
}
