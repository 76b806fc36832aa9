namespace HyperDsl.Runtime.Models;

/// <summary>A convolution's padding: <c>same</c>, <c>valid</c> or a number of pixels on every side.</summary>
public readonly record struct ConvPadding
{
    private ConvPadding(int? pixels) => Pixels = pixels;

    /// <summary>
    /// Keeps the size at stride 1, as PyTorch's <c>padding='same'</c> (an even kernel span gets one
    /// pixel more after than before); with a larger stride, half an odd span on each side (ceil(size / stride)).
    /// </summary>
    public static ConvPadding Same { get; } = new(null);

    /// <summary>No padding.</summary>
    public static ConvPadding Valid { get; } = new(0);

    /// <summary>The fixed number of pixels, or <see langword="null"/> for <see cref="Same"/>.</summary>
    public int? Pixels { get; }

    /// <summary>Whether this is <see cref="Same"/>.</summary>
    public bool IsSame => Pixels is null;

    /// <summary><paramref name="pixels"/> zero pixels on every side.</summary>
    public static ConvPadding Of(int pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pixels);
        return new ConvPadding(pixels);
    }

    /// <summary>
    /// The pixels on each side for a kernel of <paramref name="kernel"/> with <paramref name="dilation"/>;
    /// 'same' with an even span has no one number (it is asymmetric), so it is refused here.
    /// </summary>
    public int Resolve(int kernel, int dilation)
    {
        if (Pixels is { } pixels)
        {
            return pixels;
        }

        var span = (dilation * (kernel - 1)) + 1;
        if (span % 2 == 0)
        {
            throw new ArgumentException($"Padding 'same' is asymmetric for an even kernel span; kernel {kernel} with dilation {dilation} spans {span} pixels. Give the padding in pixels instead.");
        }

        return span / 2;
    }
}
