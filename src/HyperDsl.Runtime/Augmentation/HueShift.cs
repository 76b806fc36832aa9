using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Rotates the hue of RGB images through HSV, as torchvision's <c>adjust_hue</c>, with every
/// step a whole-batch tensor operation (no loop over images or pixels).
/// </summary>
internal static class HueShift
{
    /// <summary>
    /// Adds <paramref name="shift"/> (B x 1 x 1 x 1, in turns: 0.5 is half way round the colour
    /// wheel) to the hue of each RGB image of <paramref name="images"/> (B x 3 x H x W, in [0, 1]);
    /// saturation and value are kept, so grey pixels do not change. Returns a new tensor.
    /// </summary>
    public static Tensor Apply(Tensor images, Tensor shift)
    {
        using var scope = NewDisposeScope();
        var value = images.amax([1], keepdim: true);
        var chroma = value.sub(images.amin([1], keepdim: true));
        var hue = Hue(images, value, chroma).add_(shift, One).remainder_(One);

        // HSV back to RGB without branching on the sector (the "alternative" formula):
        // channel n of (R, G, B) = (5, 3, 1) is V - C * clamp(min(k, 4 - k), 0, 1), k = (n + 6 H) mod 6.
        // Chroma C = V * S is what the image had; a hue rotation keeps it.
        using var sectors = tensor(new float[] { 5, 3, 1 }, [1, 3, 1, 1], device: images.device);
        var k = hue.mul(Integer(6)).add(sectors, One).remainder_(Integer(6));
        var ramp = k.minimum(k.neg().add_(Integer(4), One)).clamp_(Zero, One);
        return value.sub(ramp.mul_(chroma)).clamp_(Zero, One).MoveToOuterDisposeScope();
    }

    /// <summary>The hue of each pixel in turns, B x 1 x H x W in [0, 1); 0 for grey pixels.</summary>
    private static Tensor Hue(Tensor images, Tensor value, Tensor chroma)
    {
        // Grey pixels (no chroma) would divide by zero; red "wins" there and its numerator
        // g - b is 0, so any divisor gives hue 0: use 1.
        var divisor = chroma.masked_fill(chroma.eq(Zero), One);
        var (r, g, b) = (images.narrow(1, 0, 1), images.narrow(1, 1, 1), images.narrow(1, 2, 1));
        var isRed = value.eq(r);
        var isGreen = value.eq(g).logical_and_(isRed.logical_not());
        var isBlue = isRed.logical_or(isGreen).logical_not_();

        // How far the pixel sits between its sector's neighbours, plus the sector's offset (0, 2
        // or 4 sixths): the same case split as torchvision's _rgb2hsv (red wins ties, then green).
        var sixths = g.sub(b).mul_(isRed)
            .add_(b.sub(r).mul_(isGreen), One)
            .add_(r.sub(g).mul_(isBlue), One)
            .div_(divisor)
            .add_(isGreen.to_type(images.dtype).mul_(Integer(2)), One)
            .add_(isBlue.to_type(images.dtype).mul_(Integer(4)), One);
        return sixths.div_(Integer(6)).remainder_(One);
    }
}
