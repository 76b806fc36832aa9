using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// torchvision's policy operations (<c>_apply_op</c> in <c>torchvision/transforms/autoaugment.py</c>)
/// on a batch of float images in [0, 1], each image with its own operation and magnitude. The
/// images that drew the same operation are transformed together, so the managed loop runs over
/// the operations, never over the images. Geometric operations sample the nearest pixel (AugMix:
/// bilinear) and fill with 0, as torchvision's defaults; the 8-bit operations (posterize, solarize, equalize)
/// read a level as torchvision converts a float image to uint8, floor(x * 255.999).
/// </summary>
internal static class PolicyOperations
{
    private static readonly PolicyOperation[] All = Enum.GetValues<PolicyOperation>();

    /// <summary>
    /// Applies to image i the operation <paramref name="operations"/>[i] (int64, a <see cref="PolicyOperation"/>)
    /// with magnitude <paramref name="magnitudes"/>[i] (float, its sign already drawn); both on the images' device.
    /// Geometric operations sample the nearest pixel unless <paramref name="bilinear"/> (AugMix's default in torchvision).
    /// </summary>
    public static Tensor Apply(Tensor images, Tensor operations, Tensor magnitudes, bool bilinear = false)
    {
        using var scope = NewDisposeScope();
        var result = images.clone();
        foreach (var operation in All)
        {
            if (operation == PolicyOperation.Identity)
            {
                continue;
            }

            var indices = operations.eq(Integer((long)operation)).nonzero().view(-1);
            if (indices.numel() == 0)
            {
                continue;
            }

            var changed = Apply(operation, images.index_select(0, indices), magnitudes.index_select(0, indices), bilinear);
            result.index_copy_(0, indices, changed);
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// As <see cref="Apply(Tensor, Tensor, Tensor, bool)"/> (geometric operations nearest), moving each mask with its
    /// image: a geometric operation samples the mask through the image's map with nearest neighbours, the ignore index
    /// where the image is filled with 0; a colour operation leaves the mask alone.
    /// </summary>
    public static (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Tensor operations, Tensor magnitudes)
    {
        using var scope = NewDisposeScope();
        long height = images.shape[2], width = images.shape[3];
        var result = images.clone();
        var resultMasks = masks.clone();
        foreach (var operation in All)
        {
            var indices = operations.eq(Integer((long)operation)).nonzero().view(-1);
            if (operation == PolicyOperation.Identity || indices.numel() == 0)
            {
                continue;
            }

            var chosen = images.index_select(0, indices);
            var chosenMagnitudes = magnitudes.index_select(0, indices);
            if (IsGeometric(operation))
            {
                var theta = Maps(operation, chosen, chosenMagnitudes.to_type(ScalarType.Float32));
                result.index_copy_(0, indices, AffineSampler.Sample(chosen, theta, height, width, nearest: true));
                resultMasks.index_copy_(0, indices, MaskSampler.Sample(masks.index_select(0, indices), theta, height, width, ignoreIndex));
            }
            else
            {
                result.index_copy_(0, indices, Apply(operation, chosen, chosenMagnitudes));
            }
        }

        return (result.MoveToOuterDisposeScope(), resultMasks.MoveToOuterDisposeScope());
    }

    /// <summary>One step of a policy on images alone (<paramref name="masks"/> null) or on images and masks together.</summary>
    public static (Tensor Images, Tensor? Masks) Step(Tensor images, Tensor? masks, long ignoreIndex, Tensor operations, Tensor magnitudes) =>
        masks is null ? (Apply(images, operations, magnitudes), null) : Apply(images, masks, ignoreIndex, operations, magnitudes);

    /// <summary>Applies one operation to every image, image i with magnitude <paramref name="magnitudes"/>[i].</summary>
    public static Tensor Apply(PolicyOperation operation, Tensor images, Tensor magnitudes, bool bilinear = false)
    {
        var count = images.shape[0];
        var m = magnitudes.to_type(ScalarType.Float32).view(count, 1, 1, 1);
        return operation switch
        {
            PolicyOperation.Identity => images.clone(),
            _ when IsGeometric(operation) => AffineSampler.Sample(images, Maps(operation, images, magnitudes.to_type(ScalarType.Float32)), images.shape[2], images.shape[3], nearest: !bilinear),
            PolicyOperation.Brightness => images.mul(m.add(One, One)).clamp_(Zero, One),
            PolicyOperation.Color => images.shape[1] == 3 ? Blend(images, ColorJitter.Grey(images), m.add(One, One)) : images.clone(),
            PolicyOperation.Contrast => Blend(images, ColorJitter.Grey(images).mean([1, 2, 3], keepdim: true), m.add(One, One)),
            PolicyOperation.Sharpness => Blend(images, Smoothed(images), m.add(One, One)),
            PolicyOperation.Posterize => Posterize(images, m),
            PolicyOperation.Solarize => where(images.ge(m.div(Integer(255))), images.neg().add_(One, One), images),
            PolicyOperation.AutoContrast => AutoContrast(images),
            PolicyOperation.Equalize => Equalize(images),
            PolicyOperation.Invert => images.neg().add_(One, One),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a policy operation."),
        };
    }

    /// <summary>The 8-bit level of each value, as torchvision's float-to-uint8 conversion.</summary>
    internal static Tensor Levels(Tensor images) => images.clamp(Zero, One).mul_(Real(255.999f)).floor_();

    // ratio * image + (1 - ratio) * towards, clamped: torchvision's _blend.
    private static Tensor Blend(Tensor image, Tensor towards, Tensor ratio) =>
        image.sub(towards).mul_(ratio).add_(towards, One).clamp_(Zero, One);

    private static bool IsGeometric(PolicyOperation operation) =>
        operation is PolicyOperation.ShearX or PolicyOperation.ShearY or PolicyOperation.TranslateX or PolicyOperation.TranslateY or PolicyOperation.Rotate;

    // The affine maps (output to input, normalised) of a geometric operation, image i at magnitude m[i].
    private static Tensor Maps(PolicyOperation operation, Tensor images, Tensor m)
    {
        using var scope = NewDisposeScope();
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        float h = height, w = width;
        using var heightPerWidth = (h / w).ToScalar();
        using var minusHeightPerWidth = (-h / w).ToScalar();
        using var widthPerHeight = (w / h).ToScalar();
        var theta = zeros([count, 2, 3], dtype: ScalarType.Float32, device: images.device);
        theta[TensorIndex.Colon, 0, 0] = tensor(1f);
        theta[TensorIndex.Colon, 1, 1] = tensor(1f);
        switch (operation)
        {
            case PolicyOperation.ShearX:
                // x_in = x + m y in pixels from the top-left corner, in coordinates normalised per axis.
                theta[TensorIndex.Colon, 0, 1] = m.mul(heightPerWidth);
                theta[TensorIndex.Colon, 0, 2] = m.mul(heightPerWidth);
                break;
            case PolicyOperation.ShearY:
                theta[TensorIndex.Colon, 1, 0] = m.mul(widthPerHeight);
                theta[TensorIndex.Colon, 1, 2] = m.mul(widthPerHeight);
                break;
            case PolicyOperation.TranslateX:
                using (var pixel = (-2f / w).ToScalar())
                {
                    theta[TensorIndex.Colon, 0, 2] = m.trunc().mul(pixel);
                }

                break;
            case PolicyOperation.TranslateY:
                using (var pixel = (-2f / h).ToScalar())
                {
                    theta[TensorIndex.Colon, 1, 2] = m.trunc().mul(pixel);
                }

                break;
            default:
                var radians = m.mul(Real((float)(Math.PI / 180)));
                var cos = radians.cos();
                var sin = radians.sin();
                theta[TensorIndex.Colon, 0, 0] = cos;
                theta[TensorIndex.Colon, 0, 1] = sin.mul(minusHeightPerWidth);
                theta[TensorIndex.Colon, 1, 0] = sin.mul(widthPerHeight);
                theta[TensorIndex.Colon, 1, 1] = cos;
                break;
        }

        return theta.MoveToOuterDisposeScope();
    }

    // PIL's SMOOTH filter (1 1 1 / 1 5 1 / 1 1 1, over 13) inside the image; the border pixels stay, as torchvision's adjust_sharpness.
    private static Tensor Smoothed(Tensor images)
    {
        long count = images.shape[0], channels = images.shape[1], height = images.shape[2], width = images.shape[3];
        if (height <= 2 || width <= 2)
        {
            return images.clone();
        }

        using var scope = NewDisposeScope();
        var kernel = ones([1, 1, 3, 3], dtype: images.dtype, device: images.device);
        kernel[0, 0, 1, 1] = tensor(5f);
        kernel.div_(Integer(13));
        var inner = F.conv2d(images.reshape(count * channels, 1, height, width), kernel).view(count, channels, height - 2, width - 2);
        var result = images.clone();
        result[TensorIndex.Ellipsis, TensorIndex.Slice(1, height - 1), TensorIndex.Slice(1, width - 1)] = inner;
        return result.MoveToOuterDisposeScope();
    }

    // Keeps the top 'bits' bits of each level: floor(level / 2^(8 - bits)) * 2^(8 - bits).
    private static Tensor Posterize(Tensor images, Tensor bits)
    {
        using var scope = NewDisposeScope();
        var step = bits.neg().add(Integer(8), One).exp2();
        return Levels(images).div_(step).floor_().mul_(step).div_(Integer(255)).MoveToOuterDisposeScope();
    }

    // Each channel of each image stretched from its [min, max] to [0, 1]; a flat channel stays.
    private static Tensor AutoContrast(Tensor images)
    {
        using var scope = NewDisposeScope();
        var minimum = images.amin([2, 3], keepdim: true);
        var maximum = images.amax([2, 3], keepdim: true);
        var flat = maximum.le(minimum);
        var scale = where(flat, ones_like(minimum), maximum.sub(minimum).reciprocal());
        var shift = where(flat, zeros_like(minimum), minimum);
        return images.sub(shift).mul_(scale).clamp_(Zero, One).MoveToOuterDisposeScope();
    }

    // torchvision's equalize per channel of each image: a lookup table from the cumulative
    // histogram of the 256 levels, with the step (the pixels outside the last used level over
    // 255); a channel whose step is 0 (at most one level much used) stays as it is.
    private static Tensor Equalize(Tensor images)
    {
        using var scope = NewDisposeScope();
        long count = images.shape[0], channels = images.shape[1], height = images.shape[2], width = images.shape[3];
        var levels = Levels(images).reshape(count * channels, height * width).to_type(ScalarType.Int64);
        var histogram = zeros([count * channels, 256], dtype: ScalarType.Float32, device: images.device)
            .scatter_add_(1, levels, ones([count * channels, height * width], dtype: ScalarType.Float32, device: images.device));
        var bins = arange(Zero, Integer(256), One, dtype: ScalarType.Int64, device: images.device).unsqueeze(0).expand(count * channels, 256);
        var last = where(histogram.gt(Zero), bins, zeros_like(bins)).amax([1], keepdim: true);
        var step = histogram.sum(1, keepdim: true).sub_(histogram.gather(1, last)).div_(Integer(255)).floor_();
        var safeStep = where(step.gt(Zero), step, ones_like(step));
        var table = histogram.cumsum(1).add_(step.div(Integer(2)).floor_(), One).div_(safeStep).floor_();
        table = F.pad(table, [1, 0]).narrow(1, 0, 256).clamp_(Zero, Integer(255));
        var equalised = table.gather(1, levels).div_(Integer(255));
        var original = images.reshape(count * channels, height * width);
        return where(step.gt(Zero), equalised, original).view(count, channels, height, width).MoveToOuterDisposeScope();
    }
}
