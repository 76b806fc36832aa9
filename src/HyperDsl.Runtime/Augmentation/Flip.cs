using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Mirrors the chosen images (and their masks) along the width (horizontal) or height axis.</summary>
internal sealed class Flip(bool horizontal, double probability) : IMaskAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        using var chosen = RandomDraw.Chosen(images.shape[0], probability, generator, images.device);
        using var flipped = images.flip(horizontal ? 3 : 2);
        return where(chosen, flipped, images);
    }

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator)
    {
        using var scope = NewDisposeScope();
        var chosen = RandomDraw.Chosen(images.shape[0], probability, generator, images.device);
        var result = where(chosen, images.flip(horizontal ? 3 : 2), images);
        var flippedMasks = where(chosen.view(-1, 1, 1), masks.flip(horizontal ? 2 : 1), masks);
        return (result.MoveToOuterDisposeScope(), flippedMasks.MoveToOuterDisposeScope());
    }
}
