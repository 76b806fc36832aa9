using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Several mixings in one <c>augment</c> block (mixup and cutmix): each batch uses one of them,
/// chosen uniformly, as torchvision's RandomChoice([MixUp, CutMix]) and timm's switch.
/// </summary>
internal sealed class MixingChoice(IReadOnlyList<IBatchMixing> choices) : IMaskMixing
{
    public MixedBatch Mix(Tensor images, Tensor labels, Generator generator) => Chosen(generator).Mix(images, labels, generator);

    /// <exception cref="InvalidOperationException">The chosen mixing cannot mix masks (the checker allows only cutmix under segmentation).</exception>
    public (Tensor Images, Tensor Masks) MixMasks(Tensor images, Tensor masks, Generator generator) =>
        Chosen(generator) is IMaskMixing joint
            ? joint.MixMasks(images, masks, generator)
            : throw new InvalidOperationException("A mixing that cannot move masks (mixup) was chosen for a segmentation batch; under 'task segmentation' only cutmix mixes batches.");

    private IBatchMixing Chosen(Generator generator)
    {
        using var chosen = randint(0, choices.Count, [1], ScalarType.Int64, generator: generator);
        return choices[(int)chosen.item<long>()];
    }
}
