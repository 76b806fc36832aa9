using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// AugMix (Hendrycks et al. 2020) as torchvision's: <c>width</c> chains of <c>depth</c> random
/// operations (1 to 3 when depth is -1) at magnitude bins below <c>severity</c>, mixed with
/// Dirichlet(alpha) weights, and the mixture blended with the original by a Beta(alpha, alpha)
/// weight. Every image draws its own weights, depths and operations (torchvision shares a
/// chain's depth and operations across the batch). Geometric operations are bilinear, as
/// torchvision's AugMix; translations go up to a third of the width (x) and height (y). The result is a convex combination of
/// images in [0, 1], so it stays in [0, 1].
/// </summary>
internal sealed class AugMix(int severity, int width, int depth, double alpha) : IBatchAugmentation
{
    private const int RandomDepthMax = 3;

    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var count = images.shape[0];
        var device = images.device;
        var space = PolicySpace.AugMix(images.shape[2], images.shape[3]);
        var original = RandomDraw.Dirichlet(count, 2, alpha, generator, device);
        var weights = RandomDraw.Dirichlet(count, width, alpha, generator, device).mul_(original.narrow(1, 1, 1));
        var mix = images.mul(original.narrow(1, 0, 1).view(count, 1, 1, 1));
        var longest = depth > 0 ? depth : RandomDepthMax;
        using var fixedDepth = depth.ToScalar();
        for (var chain = 0; chain < width; chain++)
        {
            var depths = depth > 0
                ? full([count], fixedDepth, ScalarType.Int64)
                : randint(1, RandomDepthMax + 1, [count], ScalarType.Int64, generator: generator);
            var augmented = images;
            for (var step = 0; step < longest; step++)
            {
                var indices = randint(0, space.Count, [count], ScalarType.Int64, generator: generator);
                var bins = randint(0, severity, [count], ScalarType.Int64, generator: generator);
                var (operations, magnitudes) = space.Look(indices, bins, generator, device);
                using var stepScalar = step.ToScalar();
                operations = where(depths.gt(stepScalar).to(device), operations, zeros_like(operations));
                augmented = PolicyOperations.Apply(augmented, operations, magnitudes, bilinear: true);
            }

            mix.add_(augmented.mul(weights.narrow(1, chain, 1).view(count, 1, 1, 1)), One);
        }

        return mix.clamp_(Zero, One).MoveToOuterDisposeScope();
    }
}
