using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// A random transform of a whole training batch at once (B x C x H x W, values in [0, 1],
/// before normalisation), drawing every random number from the generator it is given so that
/// a seeded trial repeats. The trainer applies it to the training split only. Implementations
/// must not loop over images in managed code.
/// </summary>
public interface IBatchAugmentation
{
    /// <summary>Returns the transformed batch (a new tensor in the caller's dispose scope); <paramref name="images"/> is not changed.</summary>
    Tensor Apply(Tensor images, Generator generator);
}
