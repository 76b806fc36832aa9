using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// mixup (Zhang et al. 2018) as torchvision's v2 MixUp: one lambda per batch from
/// Beta(alpha, alpha); each image becomes lambda x + (1 - lambda) x_partner, and its partner's
/// label weighs 1 - lambda.
/// </summary>
internal sealed class Mixup(double alpha) : IBatchMixing
{
    public MixedBatch Mix(Tensor images, Tensor labels, Generator generator)
    {
        var lambda = RandomDraw.Beta(alpha, generator);
        using var scope = NewDisposeScope();
        using var kept = lambda.ToScalar();
        using var taken = (1 - lambda).ToScalar();
        var mixed = images.mul(kept).add_(images.roll(1, 0).mul_(taken), One);
        var partners = labels.roll(1, 0);
        return new MixedBatch(mixed.MoveToOuterDisposeScope(), labels.alias().MoveToOuterDisposeScope(), partners.MoveToOuterDisposeScope(), 1 - lambda);
    }
}
