using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>The layers of dense prediction: upsampling, transposed convolutions, ASPP and named skip connections.</summary>
public sealed partial class ModelBuilder
{
    // The named tensors of the whole network, shared with the builders of its residual bodies.
    private SkipStore _skips = new();

    // A residual body's builder: the network around it owns the saved tensors.
    private bool _nested;

    /// <summary>
    /// <c>upsample(scale:, mode:)</c>: height and width times <paramref name="scale"/>, each pixel repeated (nearest)
    /// or interpolated bilinearly without aligned corners, as PyTorch's <c>nn.Upsample(scale_factor=scale, mode=...)</c>.
    /// </summary>
    public ModelBuilder Upsample(int scale = 2, UpsamplingMode mode = UpsamplingMode.Nearest, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var (channels, height, width) = Spatial("upsample");
        var layerName = name ?? NextName("up");
        return Add("up", layerName, new UpsampleLayer(layerName, scale, mode), [channels, height * scale, width * scale]);
    }

    /// <summary>
    /// <c>conv_transpose(out, kernel:, stride:, padding:, output_padding:, dilation:, bias:)</c>: a transposed convolution
    /// to <paramref name="channels"/> channels, as PyTorch's <c>nn.ConvTranspose2d</c>; each side becomes
    /// (size - 1) stride - 2 padding + dilation (kernel - 1) + output_padding + 1.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="outputPadding"/> is not below the stride or the dilation, or the output would be empty.</exception>
    public ModelBuilder ConvTranspose(int channels, int kernel = 3, int stride = 1, int padding = 0, int outputPadding = 0, int dilation = 1, bool bias = true, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfNegative(outputPadding);
        if (outputPadding >= Math.Max(stride, dilation))
        {
            throw new ArgumentException($"conv_transpose's output_padding ({outputPadding}) must be below its stride ({stride}) or its dilation ({dilation}).", nameof(outputPadding));
        }

        var (inChannels, height, width) = Spatial("conv_transpose");
        long Out(long size) => ((size - 1) * stride) - (2 * padding) + (dilation * (kernel - 1)) + outputPadding + 1;
        if (Out(height) < 1 || Out(width) < 1)
        {
            throw new ArgumentException($"conv_transpose with padding {padding} leaves nothing of a {height} x {width} input.", nameof(padding));
        }

        using var scope = NewDisposeScope();
        var layer = nn.ConvTranspose2d(inChannels, channels, kernel, stride: stride, padding: padding, output_padding: outputPadding, dilation: dilation, bias: bias);
        return Add("deconv", name, layer, [channels, Out(height), Out(width)]);
    }

    /// <summary>
    /// <c>aspp(out, rates:, dropout:)</c>: DeepLab-v3's atrous spatial pyramid pooling as torchvision's <c>ASPP</c>
    /// (a 1 x 1 branch, a 3 x 3 branch dilated by each rate, an image-pooling branch, then a 1 x 1 projection to
    /// <paramref name="channels"/> and dropout); the size is kept. The rates default to 6, 12 and 18.
    /// </summary>
    public ModelBuilder Aspp(int channels, long[]? rates = null, double dropout = 0.5, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        rates ??= [6, 12, 18];
        if (rates.Length == 0 || rates.Any(r => r < 1))
        {
            throw new ArgumentException("aspp needs at least one rate, each at least 1.", nameof(rates));
        }

        if (dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "A dropout probability must be in [0, 1).");
        }

        var (inChannels, height, width) = Spatial("aspp");
        var layerName = name ?? NextName("aspp");
        return Add("aspp", layerName, new AsppBlock(layerName, inChannels, channels, rates, dropout), [channels, height, width]);
    }

    /// <summary><c>save name</c>: keeps the tensor flowing here under <paramref name="key"/> for a later <see cref="Concat"/> or <see cref="AddSaved"/>.</summary>
    public ModelBuilder Save(string key, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _skips.SaveShape(key, _shape);
        var layerName = name ?? NextName("save");
        return Add("save", layerName, new SaveLayer(layerName, key, _skips), _shape);
    }

    /// <summary><c>concat name</c>: the tensor saved under <paramref name="key"/> joined after the current one along the channels (or features); heights and widths must be equal.</summary>
    public ModelBuilder Concat(string key, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var saved = _skips.ShapeOf(key, "concat");
        if (saved.Length != _shape.Length || !saved.Skip(1).SequenceEqual(_shape.Skip(1)))
        {
            throw new InvalidOperationException($"'concat {key}' joins [{string.Join(", ", saved)}] to [{string.Join(", ", _shape)}]; all but the channels must be equal.");
        }

        var layerName = name ?? NextName("concat");
        return Add("concat", layerName, new ConcatLayer(layerName, key, _skips), [_shape[0] + saved[0], .. _shape.Skip(1)]);
    }

    /// <summary><c>add name</c>: the current tensor plus the one saved under <paramref name="key"/>, which must have its shape.</summary>
    public ModelBuilder AddSaved(string key, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var saved = _skips.ShapeOf(key, "add");
        if (!saved.SequenceEqual(_shape))
        {
            throw new InvalidOperationException($"'add {key}' sums [{string.Join(", ", saved)}] with [{string.Join(", ", _shape)}]; the shapes must be equal.");
        }

        var layerName = name ?? NextName("add");
        return Add("add", layerName, new AddSavedLayer(layerName, key, _skips), _shape);
    }
}
