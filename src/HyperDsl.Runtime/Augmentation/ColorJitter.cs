using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Random brightness, contrast, saturation and hue per image, in that fixed order (torchvision
/// shuffles the order per call; a fixed one keeps the draws simple to reproduce), clamped to
/// [0, 1]. Saturation and hue leave grey (one-channel) images unchanged, as torchvision does:
/// such images have no colour to change.
/// </summary>
internal sealed class ColorJitter(double brightness, double contrast, double saturation, double hue) : IMaskAugmentation
{
    private static readonly float[] LumaWeights = [0.299f, 0.587f, 0.114f];

    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        var count = images.shape[0];
        var colour = images.shape[1] == 3;
        var result = images;
        if (brightness > 0)
        {
            result = result.mul(Factors(count, brightness, generator, images.device)).clamp_(Zero, One);
        }

        if (contrast > 0)
        {
            // As torchvision: blend with the mean grey level of each image.
            var mean = Grey(result).mean([1, 2, 3], keepdim: true);
            result = Blend(result, mean, Factors(count, contrast, generator, images.device));
        }

        if (saturation > 0 && colour)
        {
            result = Blend(result, Grey(result), Factors(count, saturation, generator, images.device));
        }

        if (hue > 0 && colour)
        {
            var shift = RandomDraw.Uniform(count, -hue, hue, generator, images.device).view(count, 1, 1, 1);
            result = HueShift.Apply(result, shift);
        }

        return (ReferenceEquals(result, images) ? images.clone() : result).MoveToOuterDisposeScope();
    }

    private static Tensor Factors(long count, double strength, Generator generator, Device device) =>
        RandomDraw.Uniform(count, Math.Max(0, 1 - strength), 1 + strength, generator, device).view(count, 1, 1, 1);

    private static Tensor Blend(Tensor image, Tensor towards, Tensor factor) =>
        image.sub(towards).mul_(factor).add_(towards, One).clamp_(Zero, One);

    /// <summary>The grey level of each pixel, B x 1 x H x W: ITU-R 601 luma for colour images, the channels' mean otherwise.</summary>
    internal static Tensor Grey(Tensor images)
    {
        if (images.shape[1] != 3)
        {
            return images.mean([1], keepdim: true);
        }

        // ITU-R 601 luma, as torchvision's rgb_to_grayscale.
        using var weights = tensor(LumaWeights, [1, 3, 1, 1], device: images.device);
        return images.mul(weights).sum(1, keepdim: true);
    }

    // A photometric change: the mask is left as it is.
    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator) => (Apply(images, generator), masks.alias());
}
