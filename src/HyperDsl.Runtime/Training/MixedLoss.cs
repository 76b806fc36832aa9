using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using HyperDsl.Runtime.Augmentation;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// The training loss of a mixed batch (mixup, cutmix): (1 - w) loss(labels) + w loss(partner labels).
/// For cross-entropy, with or without label smoothing, this is exactly the loss on the mixed soft
/// targets, since the loss is linear in the target; for focal, NLL and BCE it is the same
/// interpolation of the two losses that the mixup and CutMix papers train with.
/// </summary>
internal static class MixedLoss
{
    public static Tensor Compute(LossFunction loss, Tensor output, MixedBatch batch)
    {
        if (batch.PartnerWeight == 0)
        {
            return loss.Compute(output, batch.Labels);
        }

        using var own = loss.Compute(output, batch.Labels);
        using var partner = loss.Compute(output, batch.PartnerLabels);
        using var ownWeight = (1 - batch.PartnerWeight).ToScalar();
        using var partnerWeight = batch.PartnerWeight.ToScalar();
        return own.mul(ownWeight).add_(partner.mul(partnerWeight), One);
    }
}
