using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Cuts the central size x size window of every image of a batch, zero-padding images smaller than
/// it; a mask is cut at the same window, its padding the ignore index.
/// </summary>
internal sealed class CenterCrop(int size) : IMaskTransform
{
    public Tensor Apply(Tensor images) => Crop(images, 0);

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex)
    {
        using var scope = NewDisposeScope();
        var cropped = Crop(images, 0);
        var croppedMasks = Crop(masks.unsqueeze(1), ignoreIndex).squeeze(1);
        return (cropped.MoveToOuterDisposeScope(), croppedMasks.MoveToOuterDisposeScope());
    }

    // Crops B x C x H x W images (or B x 1 x H x W masks), padding with fill where they are smaller than the window.
    private Tensor Crop(Tensor images, long fill)
    {
        long height = images.shape[2], width = images.shape[3];
        if (height == size && width == size)
        {
            return images.clone();
        }

        using var scope = NewDisposeScope();
        var current = images;
        if (height < size || width < size)
        {
            // torchvision pads the smaller side by half the shortfall before and the rest after.
            long padX = Math.Max(0, size - width), padY = Math.Max(0, size - height);
            current = F.pad(current, [padX / 2, (padX + 1) / 2, padY / 2, (padY + 1) / 2], value: fill);
        }

        var top = Offset(current.shape[2]);
        var left = Offset(current.shape[3]);
        return current.narrow(2, top, size).narrow(3, left, size).contiguous().MoveToOuterDisposeScope();
    }

    // int(round((length - size) / 2)) in torchvision, and Python rounds halves to even, as Math.Round does.
    private long Offset(long length) => (long)Math.Round((length - size) / 2.0);
}
