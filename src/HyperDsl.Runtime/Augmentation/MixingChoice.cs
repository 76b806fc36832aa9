using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Several mixings in one <c>augment</c> block (mixup and cutmix): each batch uses one of them,
/// chosen uniformly, as torchvision's RandomChoice([MixUp, CutMix]) and timm's switch.
/// </summary>
internal sealed class MixingChoice(IReadOnlyList<IBatchMixing> choices) : IBatchMixing
{
    public MixedBatch Mix(Tensor images, Tensor labels, Generator generator)
    {
        using var chosen = randint(0, choices.Count, [1], ScalarType.Int64, generator: generator);
        return choices[(int)chosen.item<long>()].Mix(images, labels, generator);
    }
}
