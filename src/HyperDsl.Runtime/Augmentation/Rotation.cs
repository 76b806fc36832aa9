using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Rotates each image about its centre by a uniform random angle (bilinear, zero fill).</summary>
internal sealed class Rotation(double minDegrees, double maxDegrees) : IMaskAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var theta = Maps(images, generator);
        return AffineSampler.Sample(images, theta, images.shape[2], images.shape[3], nearest: false).MoveToOuterDisposeScope();
    }

    // The mask turns with its image (the same draw), sampled with nearest neighbours; corners from outside take the ignore index.
    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator)
    {
        using var scope = NewDisposeScope();
        var theta = Maps(images, generator);
        var rotated = AffineSampler.Sample(images, theta, images.shape[2], images.shape[3], nearest: false);
        var rotatedMasks = MaskSampler.Sample(masks, theta, images.shape[2], images.shape[3], ignoreIndex);
        return (rotated.MoveToOuterDisposeScope(), rotatedMasks.MoveToOuterDisposeScope());
    }

    private Tensor Maps(Tensor images, Generator generator)
    {
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        var radians = RandomDraw.Uniform(count, minDegrees * Math.PI / 180, maxDegrees * Math.PI / 180, generator, images.device);
        var cos = radians.cos();
        var sin = radians.sin();

        // A rotation in pixels, written in coordinates normalised separately per axis.
        var theta = zeros([count, 2, 3], dtype: ScalarType.Float32, device: images.device);
        theta[TensorIndex.Colon, 0, 0] = cos;
        theta[TensorIndex.Colon, 0, 1] = sin.mul(-(float)height / width);
        theta[TensorIndex.Colon, 1, 0] = sin.mul((float)width / height);
        theta[TensorIndex.Colon, 1, 1] = cos;
        return theta;
    }
}
