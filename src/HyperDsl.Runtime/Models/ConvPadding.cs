namespace HyperDsl.Runtime.Models;

/// <summary>A convolution's padding: <c>same</c>, <c>valid</c> or a number of pixels on every side.</summary>
public readonly record struct ConvPadding
{
    private ConvPadding(int? pixels) => Pixels = pixels;

    /// <summary>Keeps the size at stride 1 (ceil(size / stride) otherwise); needs an odd effective kernel.</summary>
    public static ConvPadding Same { get; } = new(null);

    /// <summary>No padding.</summary>
    public static ConvPadding Valid { get; } = new(0);

    /// <summary>The fixed number of pixels, or <see langword="null"/> for <see cref="Same"/>.</summary>
    public int? Pixels { get; }

    /// <summary><paramref name="pixels"/> zero pixels on every side.</summary>
    public static ConvPadding Of(int pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pixels);
        return new ConvPadding(pixels);
    }

    /// <summary>The pixels on each side for a kernel of <paramref name="kernel"/> with <paramref name="dilation"/>.</summary>
    public int Resolve(int kernel, int dilation)
    {
        if (Pixels is { } pixels)
        {
            return pixels;
        }

        var span = (dilation * (kernel - 1)) + 1;
        if (span % 2 == 0)
        {
            throw new ArgumentException($"Padding 'same' needs an odd kernel span; kernel {kernel} with dilation {dilation} spans {span} pixels. Give the padding in pixels instead.");
        }

        return span / 2;
    }
}
