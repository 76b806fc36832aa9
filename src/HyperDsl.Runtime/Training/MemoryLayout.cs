using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// Memory layouts that decide which oneDNN convolution kernels LibTorch runs on the CPU.
/// </summary>
internal static class MemoryLayout
{
    // oneDNN's blocked layouts group channels by 16 (AVX-512) or 8 (AVX2).
    private const int ChannelBlock = 16;

    /// <summary>
    /// A batch of images channels-last (NHWC in memory, NCHW in shape): oneDNN then keeps that
    /// layout through the network, which measured 1.6x faster for a ResNet-18 step on two CPU
    /// cores. Single-channel images are the same in both layouts.
    /// </summary>
    public static Tensor ChannelsLast(Tensor images) =>
        images.dim() == 4 && images.shape[1] > 1 ? ChannelsLastCopy(images) : images;

    /// <summary>
    /// When a convolution has a channel count that is not a multiple of 16, puts every 4-D parameter
    /// (convolution kernels) channels-last, in place: the same parameter objects, so optimizers,
    /// freezing and weight sharing see no change. Returns whether it did.
    /// </summary>
    /// <remarks>
    /// A network fed single-channel images stays NCHW, and LibTorch 2.10's oneDNN 3.7 then runs its
    /// convolutions in blocked layouts whose channels are padded to a multiple of 16 (8 under AVX2).
    /// With 20 or 24 channels those padded layouts gave NaN outputs from finite weights and images in
    /// 10-90% of fresh models, varying from run to run with the process's memory (pure TorchSharp
    /// reproduces it; bench/Headline/width24-nan.hyp). Channels-last kernels make oneDNN choose its
    /// unpadded NHWC layouts, and none of 180 such models gave a NaN. Not done for every network: on
    /// the reference CNN (widths 32 and 64) channels-last kernels were about 4% slower than blocked ones.
    /// </remarks>
    public static bool AvoidPaddedLayouts(nn.Module model)
    {
        var kernels = model.parameters().Where(p => p.dim() == 4).ToList();
        if (!kernels.Any(NeedsPadding))
        {
            return false;
        }

        using var noGrad = no_grad();
        foreach (var kernel in kernels.Where(k => k.shape[1] * k.shape[2] * k.shape[3] > 1))
        {
            // The scope frees the copy's intermediates; the parameter keeps the storage it now shares.
            using var scope = NewDisposeScope();
            kernel.set_(ChannelsLastCopy(kernel));
        }

        return true;
    }

    // A kernel is [out, in / groups, h, w]; one input channel per group (the first layer, depthwise) is not blocked.
    private static bool NeedsPadding(Tensor kernel) =>
        kernel.shape[0] % ChannelBlock != 0 || (kernel.shape[1] > 1 && kernel.shape[1] % ChannelBlock != 0);

    private static Tensor ChannelsLastCopy(Tensor tensor) =>
        tensor.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
}
