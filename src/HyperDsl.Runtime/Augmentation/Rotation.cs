using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Rotates each image about its centre by a uniform random angle (bilinear, zero fill).</summary>
internal sealed class Rotation(double minDegrees, double maxDegrees) : AffineAugmentation
{
    protected override bool Nearest => false;

    protected override Tensor Maps(Tensor images, Generator generator)
    {
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        var radians = RandomDraw.Uniform(count, minDegrees * Math.PI / 180, maxDegrees * Math.PI / 180, generator, images.device);
        using var minusHeightPerWidth = (-(float)height / width).ToScalar();
        using var widthPerHeight = ((float)width / height).ToScalar();
        var cos = radians.cos();
        var sin = radians.sin();

        // A rotation in pixels, written in coordinates normalised separately per axis.
        var theta = zeros([count, 2, 3], dtype: ScalarType.Float32, device: images.device);
        theta[TensorIndex.Colon, 0, 0] = cos;
        theta[TensorIndex.Colon, 0, 1] = sin.mul(minusHeightPerWidth);
        theta[TensorIndex.Colon, 1, 0] = sin.mul(widthPerHeight);
        theta[TensorIndex.Colon, 1, 1] = cos;
        return theta;
    }
}
