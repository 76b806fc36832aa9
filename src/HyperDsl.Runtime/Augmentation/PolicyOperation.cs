namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// The image operations of torchvision's augmentation policies (AutoAugment, RandAugment,
/// TrivialAugmentWide, AugMix), each applied by <see cref="PolicyOperations"/> to many images
/// at once with a magnitude per image.
/// </summary>
internal enum PolicyOperation
{
    /// <summary>Leaves the image as it is.</summary>
    Identity,

    /// <summary>Shears along x by a factor (x_in = x + m y, about the top-left corner).</summary>
    ShearX,

    /// <summary>Shears along y by a factor (y_in = y + m x, about the top-left corner).</summary>
    ShearY,

    /// <summary>Shifts by whole pixels along x (the magnitude truncated, as torchvision's int()).</summary>
    TranslateX,

    /// <summary>Shifts by whole pixels along y.</summary>
    TranslateY,

    /// <summary>Rotates about the centre by the magnitude in degrees.</summary>
    Rotate,

    /// <summary>Multiplies by 1 + m.</summary>
    Brightness,

    /// <summary>Blends with the grey image by 1 + m (saturation); grey images are unchanged.</summary>
    Color,

    /// <summary>Blends with the image's mean grey level by 1 + m.</summary>
    Contrast,

    /// <summary>Blends with a smoothed image by 1 + m (PIL's sharpness kernel; the border stays).</summary>
    Sharpness,

    /// <summary>Keeps the magnitude's number of high bits of each 8-bit level.</summary>
    Posterize,

    /// <summary>Inverts every level at or above the magnitude (a level out of 255).</summary>
    Solarize,

    /// <summary>Stretches each channel's levels to the full [0, 1].</summary>
    AutoContrast,

    /// <summary>Equalises each channel's histogram of 8-bit levels, as torchvision's equalize.</summary>
    Equalize,

    /// <summary>1 - x.</summary>
    Invert,
}
