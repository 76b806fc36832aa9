using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Samples masks through the affine maps that move their images: nearest neighbours only (a class
/// is never interpolated), and a pixel sampled from outside the mask takes the ignore index.
/// </summary>
internal static class MaskSampler
{
    public static Tensor Sample(Tensor masks, Tensor theta, long height, long width, long ignoreIndex)
    {
        using var scope = NewDisposeScope();
        using var ignore = ignoreIndex.ToScalar();

        // The sampler pads with zeros: shifted by the ignore index, a zero comes back as the ignore index.
        var shifted = masks.sub(ignore).unsqueeze(1).to_type(ScalarType.Float32);
        var sampled = AffineSampler.Sample(shifted, theta, height, width, nearest: true);
        return sampled.squeeze(1).round_().to_type(ScalarType.Int64).add_(ignore, One).MoveToOuterDisposeScope();
    }
}
