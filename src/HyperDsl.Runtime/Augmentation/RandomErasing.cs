using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Sets a random rectangle of each chosen image to a constant; the rectangles are built as broadcast
/// masks, not per image. A segmentation mask is left as it is, as torchvision's v2 RandomErasing passes
/// masks through: the erased pixels keep their classes, which the model learns to infer from context.
/// </summary>
internal sealed class RandomErasing(double probability, double minArea, double maxArea, double minAspect, double maxAspect, double value) : IMaskAugmentation
{
    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator) => (Apply(images, generator), masks.alias());

    public Tensor Apply(Tensor images, Generator generator)
    {
        using var scope = NewDisposeScope();
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        var device = images.device;
        using var pixels = (height * width).ToScalar();
        using var heightScalar = height.ToScalar();
        using var widthScalar = width.ToScalar();
        using var rowsAfter = (height + 1).ToScalar();
        using var columnsAfter = (width + 1).ToScalar();
        using var fill = value.ToScalar();
        var area = RandomDraw.Uniform(count, minArea, maxArea, generator, device).mul_(pixels);
        var aspect = RandomDraw.Uniform(count, Math.Log(minAspect), Math.Log(maxAspect), generator, device).exp_();
        var h = area.mul(aspect).sqrt_().round_().clamp_(One, heightScalar);
        var w = area.div(aspect).sqrt_().round_().clamp_(One, widthScalar);
        var top = RandomDraw.Uniform(count, 0, 1, generator, device).mul_(h.neg().add_(rowsAfter, One)).floor_();
        var left = RandomDraw.Uniform(count, 0, 1, generator, device).mul_(w.neg().add_(columnsAfter, One)).floor_();
        var chosen = RandomDraw.Chosen(count, probability, generator, device);

        var rows = arange(Zero, heightScalar, One, dtype: ScalarType.Float32, device: device).view(1, 1, height, 1);
        var columns = arange(Zero, widthScalar, One, dtype: ScalarType.Float32, device: device).view(1, 1, 1, width);
        var inRows = rows.ge(top.view(count, 1, 1, 1)).logical_and_(rows.lt(top.add(h, One).view(count, 1, 1, 1)));
        var inColumns = columns.ge(left.view(count, 1, 1, 1)).logical_and_(columns.lt(left.add(w, One).view(count, 1, 1, 1)));
        var mask = inRows.logical_and(inColumns).logical_and_(chosen);
        return images.masked_fill(mask, fill).MoveToOuterDisposeScope();
    }
}
