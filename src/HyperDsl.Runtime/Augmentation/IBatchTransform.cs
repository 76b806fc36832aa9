using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// A deterministic transform of a whole batch (B x C x H x W, values in [0, 1], before
/// normalisation): the <c>evaluate { }</c> block's transforms, which the trainer applies to
/// every validation and test batch. The same batch always gives the same output, so
/// evaluation repeats exactly. Implementations must not loop over images in managed code.
/// </summary>
public interface IBatchTransform
{
    /// <summary>Returns the transformed batch (a new tensor in the caller's dispose scope); <paramref name="images"/> is not changed.</summary>
    Tensor Apply(Tensor images);
}
