using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
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
        using var pixels = (height * width).ToScalar();
        using var heightScalar = height.ToScalar();
        using var widthScalar = width.ToScalar();
        var area = RandomDraw.Uniform(count, minScale, maxScale, generator, device).mul_(pixels);
        var aspect = RandomDraw.Uniform(count, Math.Log(minAspect), Math.Log(maxAspect), generator, device).exp_();
        var w = area.mul(aspect).sqrt_().clamp_(One, widthScalar);
        var h = area.div(aspect).sqrt_().clamp_(One, heightScalar);
        var left = RandomDraw.Uniform(count, 0, 1, generator, device).mul_(w.neg().add_(widthScalar, One));
        var top = RandomDraw.Uniform(count, 0, 1, generator, device).mul_(h.neg().add_(heightScalar, One));

        // Output pixel centres spread evenly over the window: x_in = (w / W) x_out + (2 left + w) / W - 1.
        var theta = zeros([count, 2, 3], dtype: ScalarType.Float32, device: device);
        theta[TensorIndex.Colon, 0, 0] = w.div(widthScalar);
        theta[TensorIndex.Colon, 1, 1] = h.div(heightScalar);
        theta[TensorIndex.Colon, 0, 2] = left.mul(Integer(2)).add_(w, One).div_(widthScalar).sub_(One);
        theta[TensorIndex.Colon, 1, 2] = top.mul(Integer(2)).add_(h, One).div_(heightScalar).sub_(One);
        return theta;
    }
}
