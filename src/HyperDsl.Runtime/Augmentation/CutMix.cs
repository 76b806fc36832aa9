using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// CutMix (Yun et al. 2019) as torchvision's v2 CutMix, applied to a batch with probability p:
/// lambda from Beta(alpha, alpha), a box of half-sides sqrt(1 - lambda) / 2 of the image's
/// around a uniform centre, clipped to the image, is pasted from each image's partner into it;
/// the partner's label weighs the box's share of the image area (which clipping can make less
/// than 1 - lambda). The box is the same for the whole batch, as torchvision's. Under
/// <c>task segmentation</c> the partner's mask is pasted into the mask in the same box.
/// </summary>
internal sealed class CutMix(double alpha, double probability) : IMaskMixing
{
    public MixedBatch Mix(Tensor images, Tensor labels, Generator generator)
    {
        long height = images.shape[2], width = images.shape[3];
        if (Draw(height, width, generator) is not { } box)
        {
            return new MixedBatch(images.alias(), labels.alias(), labels.alias(), 0);
        }

        using var scope = NewDisposeScope();
        var mixed = Pasted(images, box);
        var partners = labels.roll(1, 0);
        return new MixedBatch(mixed.MoveToOuterDisposeScope(), labels.alias().MoveToOuterDisposeScope(), partners.MoveToOuterDisposeScope(), (double)box.Area / (height * width));
    }

    // The same draws as Mix, and the same box pasted into the masks (B x H x W) as into the images.
    public (Tensor Images, Tensor Masks) MixMasks(Tensor images, Tensor masks, Generator generator)
    {
        if (Draw(images.shape[2], images.shape[3], generator) is not { } box)
        {
            return (images.alias(), masks.alias());
        }

        using var scope = NewDisposeScope();
        return (Pasted(images, box).MoveToOuterDisposeScope(), Pasted(masks, box).MoveToOuterDisposeScope());
    }

    // Whether this batch is mixed (probability p) and, if so, its box: lambda, then the centre.
    private PastedBox? Draw(long height, long width, Generator generator)
    {
        using var draws = rand([1], ScalarType.Float64, generator: generator);
        if (!(draws.item<double>() < probability))
        {
            return null;
        }

        var lambda = RandomDraw.Beta(alpha, generator);
        using var x = randint(0, width, [1], ScalarType.Int64, generator: generator);
        using var y = randint(0, height, [1], ScalarType.Int64, generator: generator);
        return Box(lambda, x.item<long>(), y.item<long>(), width, height);
    }

    // A copy of the batch (images B x C x H x W or masks B x H x W) with the box taken from each one's partner.
    private static Tensor Pasted(Tensor batch, PastedBox box)
    {
        var mixed = batch.clone();
        if (box.Area > 0)
        {
            var rows = TensorIndex.Slice(box.Top, box.Bottom);
            var columns = TensorIndex.Slice(box.Left, box.Right);
            var partners = batch.roll(1, 0);
            if (batch.dim() == 4)
            {
                mixed[TensorIndex.Colon, TensorIndex.Colon, rows, columns] = partners[TensorIndex.Colon, TensorIndex.Colon, rows, columns];
            }
            else
            {
                mixed[TensorIndex.Colon, rows, columns] = partners[TensorIndex.Colon, rows, columns];
            }
        }

        return mixed;
    }

    /// <summary>torchvision's box for <paramref name="lambda"/> around pixel (<paramref name="x"/>, <paramref name="y"/>), clipped to the image.</summary>
    internal static PastedBox Box(double lambda, long x, long y, long width, long height)
    {
        var ratio = 0.5 * Math.Sqrt(1 - lambda);
        var halfWidth = (long)(ratio * width);
        var halfHeight = (long)(ratio * height);
        return new PastedBox(Math.Max(x - halfWidth, 0), Math.Max(y - halfHeight, 0), Math.Min(x + halfWidth, width), Math.Min(y + halfHeight, height));
    }

    /// <summary>A box of pixels [Left, Right) x [Top, Bottom).</summary>
    internal readonly record struct PastedBox(long Left, long Top, long Right, long Bottom)
    {
        public long Area => (Right - Left) * (Bottom - Top);
    }
}
