using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Mirrors the chosen images along the width (horizontal) or height axis.</summary>
internal sealed class Flip(bool horizontal, double probability) : IBatchAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        using var chosen = RandomDraw.Chosen(images.shape[0], probability, generator, images.device);
        using var flipped = images.flip(horizontal ? 3 : 2);
        return where(chosen, flipped, images);
    }
}
