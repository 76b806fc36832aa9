using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// Builds a sequential network layer by layer while tracking the shape of one example, so
/// each layer's input size (channels, features) is inferred and shape mistakes fail here with
/// a clear message rather than inside LibTorch. Generated code reads like the spec:
/// <code>
/// var model = new ModelBuilder(1, 28, 28)
///     .Conv(32, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
///     .Flatten().Linear(10)
///     .Build();
/// </code>
/// Layers are named by kind and count (<c>conv1</c>, <c>bn1</c>, <c>relu1</c>, <c>linear2</c>,
/// <c>block1</c>) unless a name is given; parameter paths such as <c>linear2.weight</c> follow.
/// </summary>
public sealed partial class ModelBuilder
{
    private readonly List<Layer> _layers = [];
    private readonly Dictionary<string, int> _kindCounts = new(StringComparer.Ordinal);
    private long[] _shape;

    /// <summary>Starts a network whose input examples have <paramref name="inputShape"/> (channels, height, width; or features).</summary>
    public ModelBuilder(params long[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length is not (1 or 3) || inputShape.Any(s => s < 1))
        {
            throw new ArgumentException("The input shape is [channels, height, width] or [features], with positive sizes.", nameof(inputShape));
        }

        _shape = [.. inputShape];
    }

    /// <summary>The shape of one example after the layers added so far.</summary>
    public IReadOnlyList<long> OutputShape => _shape;

    /// <summary>
    /// A 2-D convolution to <paramref name="channels"/> channels (<c>conv(out, kernel:, stride:, padding:, dilation:, groups:, padding_mode:)</c>),
    /// as PyTorch's <c>nn.Conv2d</c>. <paramref name="groups"/> splits the input and output channels into that many
    /// groups, each convolved on its own. <paramref name="paddingMode"/> is what the padding pixels hold, as
    /// <c>nn.Conv2d(padding_mode=...)</c>: zeros, the image mirrored at its edge without repeating it (reflect),
    /// the edge pixel repeated (replicate), or the opposite edge wrapped around (circular); the output size and the
    /// parameters are the same whichever it is.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The image is too small for the padding to reflect (reflect pads less than the size) or wrap (circular pads at most
    /// the size), or padding <c>same</c> with an even kernel span has a mode other than zeros (LibTorch's C++ convolution
    /// does not pad that asymmetric case as PyTorch does).
    /// </exception>
    public ModelBuilder Conv(int channels, int kernel = 3, int stride = 1, ConvPadding? padding = null, int dilation = 1, int groups = 1, bool bias = true, string? name = null, PaddingModes paddingMode = PaddingModes.Zeros)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        var (inChannels, height, width) = Spatial("conv");
        if (inChannels % groups != 0 || channels % groups != 0)
        {
            throw new ArgumentException($"conv with {groups} groups needs input ({inChannels}) and output ({channels}) channels divisible by {groups}.", nameof(groups));
        }

        var chosen = padding ?? ConvPadding.Valid;
        var span = (dilation * (kernel - 1)) + 1;
        var mode = new ConvMode(paddingMode, dilation, groups, bias);
        if (chosen.IsSame && stride == 1 && span % 2 == 0)
        {
            // As PyTorch's padding='same': the size is kept, an even span is padded one pixel more
            // after than before. An odd span takes the plain symmetric padding below: the same
            // result, without the input copy PyTorch's 'same' mode may make.
            if (paddingMode != PaddingModes.Zeros)
            {
                // LibTorch's C++ Conv2d does not pad this asymmetric case as PyTorch does (it gives other numbers), so it is refused.
                throw new ArgumentException($"conv with padding 'same' and padding_mode {paddingMode.ToString().ToLowerInvariant()} needs an odd kernel span; kernel {kernel} with dilation {dilation} spans {span} pixels. Use an odd kernel or give the padding in pixels.", nameof(paddingMode));
            }

            return Add("conv", name, NewConv(inChannels, channels, kernel, stride, null, mode), [channels, height, width]);
        }

        var pixels = chosen.Resolve(kernel, dilation);
        CheckPaddingFits(paddingMode, pixels, height, width);
        var outHeight = OutputSize("conv", height, span, stride, pixels);
        var outWidth = OutputSize("conv", width, span, stride, pixels);
        return Add("conv", name, NewConv(inChannels, channels, kernel, stride, pixels, mode), [channels, outHeight, outWidth]);
    }

    /// <summary>Batch normalisation over channels (images) or features (flat).</summary>
    public ModelBuilder BatchNorm(double momentum = 0.1, double eps = 1e-5, string? name = null)
    {
        nn.Module<Tensor, Tensor> layer = _shape.Length == 3
            ? nn.BatchNorm2d(_shape[0], eps, momentum)
            : nn.BatchNorm1d(_shape[0], eps, momentum);
        return Add("bn", name, layer, _shape);
    }

    /// <summary>max(0, x).</summary>
    public ModelBuilder Relu(string? name = null) => Add("relu", name, nn.ReLU(), _shape);

    /// <summary>x * sigmoid(x).</summary>
    public ModelBuilder Silu(string? name = null) => Add("silu", name, nn.SiLU(), _shape);

    /// <summary>The hyperbolic tangent.</summary>
    public ModelBuilder Tanh(string? name = null) => Add("tanh", name, nn.Tanh(), _shape);

    /// <summary>The logistic sigmoid.</summary>
    public ModelBuilder Sigmoid(string? name = null) => Add("sigmoid", name, nn.Sigmoid(), _shape);

    /// <summary>The Gaussian error linear unit.</summary>
    public ModelBuilder Gelu(string? name = null) => Add("gelu", name, nn.GELU(), _shape);

    /// <summary>x for x &gt; 0, <paramref name="slope"/> x otherwise.</summary>
    public ModelBuilder LeakyRelu(double slope = 0.01, string? name = null) => Add("leaky_relu", name, new LeakyReluLayer(slope), _shape);

    /// <summary>min(max(0, x), 6), as PyTorch's <c>nn.ReLU6</c>.</summary>
    public ModelBuilder Relu6(string? name = null) => Add("relu6", name, nn.ReLU6(), _shape);

    /// <summary>x * relu6(x + 3) / 6, as PyTorch's <c>nn.Hardswish</c> (MobileNetV3's activation).</summary>
    public ModelBuilder Hardswish(string? name = null) => Add("hardswish", name, nn.Hardswish(), _shape);

    /// <summary>x for x &gt; 0, <paramref name="alpha"/> (exp(x) - 1) otherwise, as PyTorch's <c>nn.ELU(alpha)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is negative or not finite.</exception>
    public ModelBuilder Elu(double alpha = 1.0, string? name = null) => alpha >= 0 && double.IsFinite(alpha)
        ? Add("elu", name, new EluLayer(alpha), _shape)
        : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ELU's alpha must be a finite number from 0 up.");

    /// <summary>x * tanh(softplus(x)), as PyTorch's <c>nn.Mish</c>.</summary>
    public ModelBuilder Mish(string? name = null) => Add("mish", name, nn.Mish(), _shape);

    /// <summary>Max pooling (<c>maxpool(k, stride:, padding:)</c>); the stride defaults to the kernel.</summary>
    public ModelBuilder MaxPool(int kernel, int? stride = null, int padding = 0, string? name = null)
    {
        var (channels, height, width) = Spatial("maxpool");
        var step = stride ?? kernel;
        return Add("pool", name, nn.MaxPool2d(kernel, step, padding), [channels, OutputSize("maxpool", height, kernel, step, padding), OutputSize("maxpool", width, kernel, step, padding)]);
    }

    /// <summary>Average pooling (<c>avgpool(k)</c>); the stride defaults to the kernel.</summary>
    public ModelBuilder AvgPool(int kernel, int? stride = null, int padding = 0, string? name = null)
    {
        var (channels, height, width) = Spatial("avgpool");
        var step = stride ?? kernel;
        return Add("pool", name, nn.AvgPool2d(kernel, step, padding), [channels, OutputSize("avgpool", height, kernel, step, padding), OutputSize("avgpool", width, kernel, step, padding)]);
    }

    /// <summary>The mean of each channel over the whole image; the output is flat (one value per channel).</summary>
    public ModelBuilder GlobalAvgPool(string? name = null)
    {
        var (channels, _, _) = Spatial("global_avgpool");
        return Add("gap", name, nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten()), [channels]);
    }

    /// <summary>Flattens each example to one vector of features.</summary>
    public ModelBuilder Flatten(string? name = null) => Add("flatten", name, nn.Flatten(), [_shape.Aggregate(1L, (a, b) => a * b)]);

    /// <summary>Zeroes each value with probability <paramref name="p"/> while training.</summary>
    public ModelBuilder Dropout(double p = 0.5, string? name = null)
    {
        if (p is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A dropout probability must be in [0, 1).");
        }

        return Add("dropout", name, nn.Dropout(p), _shape);
    }

    /// <summary>A fully connected layer to <paramref name="features"/> outputs; needs flat input.</summary>
    public ModelBuilder Linear(int features, bool bias = true, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (_shape.Length != 1)
        {
            throw new InvalidOperationException($"linear({features}) needs flat input, but the previous layer gives [{string.Join(", ", _shape)}]; add flatten or global_avgpool before it.");
        }

        return Add("linear", name, nn.Linear(_shape[0], features, bias), [features]);
    }

    /// <summary>Log-probabilities over the last dimension (for the NLL loss).</summary>
    public ModelBuilder LogSoftmax(string? name = null) => Add("log_softmax", name, nn.LogSoftmax(1), _shape);

    /// <summary>
    /// A residual block: the layers <paramref name="body"/> adds, plus a shortcut. The shortcut
    /// is the identity when the body keeps the shape, otherwise a 1 x 1 convolution (stride
    /// inferred from the size change) followed by a batch norm; on features (after flatten or
    /// pooling), a linear layer to the body's width.
    /// </summary>
    public ModelBuilder Residual(Action<ModelBuilder> body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        // The body reads and saves the same named tensors as the network around it.
        var inner = new ModelBuilder(_shape) { _skips = _skips, _nested = true };
        body(inner);
        if (inner._layers.Count == 0)
        {
            throw new InvalidOperationException("A residual block needs at least one layer.");
        }

        if (inner._shape.Length != _shape.Length)
        {
            throw new InvalidOperationException($"A residual block's body must keep the kind of its input ([{string.Join(", ", _shape)}]); it gives [{string.Join(", ", inner._shape)}].");
        }

        var outShape = inner._shape;
        var projection = outShape.SequenceEqual(_shape) ? null : _shape.Length == 1 ? nn.Linear(_shape[0], outShape[0]) : Projection(outShape);
        var bodyModule = inner.Build();
        var layerName = name ?? NextName("block");
        return Add("block", layerName, new ResidualBlock(layerName, bodyModule, projection), outShape);
    }

    // The shortcut of a body that changes channels or resolution: a strided 1 x 1 convolution and a batch norm.
    private nn.Module<Tensor, Tensor> Projection(long[] outShape)
    {
        var (channels, height, width) = Spatial("residual");
        // The stride that takes the input's height to the body's: a 1 x 1 convolution with it gives (n - 1) / s + 1 (a 7x7 map at stride 2 gives 4x4).
        var stride = (height + outShape[1] - 1) / outShape[1];
        if (((height - 1) / stride) + 1 != outShape[1] || ((width - 1) / stride) + 1 != outShape[2])
        {
            throw new InvalidOperationException($"A residual block's body turns {height} x {width} into {outShape[1]} x {outShape[2]}; a shortcut needs the same whole stride on both axes.");
        }

        return nn.Sequential(
            ("conv", NewConv(channels, outShape[0], 1, stride, 0, new ConvMode(PaddingModes.Zeros, Dilation: 1, Groups: 1, Bias: false))),
            ("bn", nn.BatchNorm2d(outShape[0])));
    }

    /// <summary>
    /// A torchvision backbone (<c>resnet18</c> ..., <c>mobilenet_v2</c>, <c>mobilenet_v3_small</c>, <c>mobilenet_v3_large</c>, <c>efficientnet_b0</c>)
    /// on 3-channel images, its head sized to <paramref name="classes"/>, weights from the file <paramref name="weights"/>
    /// (all but the head) or random. Its top-level modules (<c>conv1</c>, <c>layer4</c>, <c>fc</c>, ...; a MobileNet's
    /// <c>features</c>, <c>avgpool</c>, <c>flatten</c>, <c>classifier</c>) become layers of this network under their own
    /// names, so parameter paths are torchvision's (<c>layer4.1.conv2.weight</c>, <c>fc.weight</c>,
    /// <c>classifier.1.weight</c>) and layers may follow it. The head to replace or keep trainable is
    /// <see cref="Backbones.HeadPathOf"/>: <c>fc</c> or <c>classifier</c>. <paramref name="width"/> is a MobileNet's
    /// width multiplier (torchvision's <c>width_mult</c>); the other backbones take only 1.
    /// </summary>
    public ModelBuilder Backbone(BackboneKind kind, int classes = 1000, string? weights = null, double width = 1.0)
    {
        var (channels, _, _) = Spatial(kind.ToString());
        if (channels != 3)
        {
            throw new InvalidOperationException($"{kind} needs 3-channel images, but the previous layer gives [{string.Join(", ", _shape)}].");
        }

        if (!Backbones.HasClassifierHead(kind) && width != 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"{kind} takes no width multiplier.");
        }

        var parts = Backbones.HasClassifierHead(kind)
            ? Backbones.MobileNetLayers(Backbones.MobileNet(kind, classes, weights, width))
            : Backbones.TopLevelLayers(Backbones.ResNet(kind, classes, weights));
        foreach (var (name, _, _) in parts)
        {
            // A layer before the backbone may be auto-named like one of its modules (conv1, bn1):
            // the backbone's names are the ones freeze, lr_scale and weight files use, so the earlier layer yields.
            var index = _layers.FindIndex(l => l.Name == name);
            if (index >= 0)
            {
                _layers[index] = _layers[index] with { Name = "stem_" + name };
            }
        }

        foreach (var (name, module, inputs) in parts)
        {
            _layers.Add(new Layer(name, module, inputs is { } features ? [features] : null));
        }

        _shape = [classes];
        return this;
    }

    /// <summary>
    /// <c>replace path with layer</c>: the layer named <paramref name="path"/> (a backbone's <c>fc</c>)
    /// becomes the one layer that <paramref name="replacement"/> adds, on the same input. The new
    /// layer is trainable whatever was frozen before. Only the last layer can be replaced, since
    /// the layers after it were built for its old output.
    /// </summary>
    public ModelBuilder Replace(string path, Action<ModelBuilder> replacement)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(replacement);
        var index = _layers.FindIndex(l => l.Name == path);
        if (index < 0)
        {
            throw new ArgumentException($"No layer is named '{path}'. The layers are: {string.Join(", ", _layers.Select(l => l.Name))}.", nameof(path));
        }

        var old = _layers[index];
        if (index != _layers.Count - 1 || old.Input is not { } input)
        {
            throw new InvalidOperationException($"Only the last layer can be replaced, and only when its input shape is known; '{path}' is not.");
        }

        var inner = new ModelBuilder(input);
        replacement(inner);
        if (inner._layers.Count != 1)
        {
            throw new InvalidOperationException($"'{path}' must be replaced by exactly one layer, not {inner._layers.Count}.");
        }

        old.Module.Dispose();
        _layers[index] = old with { Module = inner._layers[0].Module };
        _shape = inner._shape;
        return this;
    }

    /// <summary><c>freeze path, ...</c>: the parameters under the paths of the layers so far get no gradient.</summary>
    public ModelBuilder Freeze(params string[] paths)
    {
        ModelParameters.Freeze(NamedParameters(), paths);
        return this;
    }

    /// <summary><c>freeze all except path, ...</c> (or <c>freeze all</c>): every parameter of the layers so far but those under the paths gets no gradient.</summary>
    public ModelBuilder FreezeAllExcept(params string[] paths)
    {
        ModelParameters.FreezeAllExcept(NamedParameters(), paths);
        return this;
    }

    private List<(string name, TorchSharp.Modules.Parameter parameter)> NamedParameters() =>
        [.. _layers.SelectMany(l => l.Module.named_parameters().Select(p => (l.Name + "." + p.name, p.parameter)))];

    /// <summary>
    /// The network as a <c>Sequential</c> module (a <c>SkipNetwork</c>, its layers under the same names, when a layer saves a tensor),
    /// in training mode, on the CPU; the builder should not be used afterwards.
    /// </summary>
    public nn.Module<Tensor, Tensor> Build()
    {
        if (_layers.Count == 0)
        {
            throw new InvalidOperationException("The network has no layers.");
        }

        // A network that saves named tensors lets them go after each forward pass; a residual body leaves that to the network around it.
        return _skips.HasSaves && !_nested
            ? new SkipNetwork(_layers.Select(l => (l.Name, l.Module)), _skips)
            : nn.Sequential([.. _layers.Select(l => (l.Name, l.Module))]);
    }

    private ModelBuilder Add(string kind, string? name, nn.Module<Tensor, Tensor> layer, long[] outShape)
    {
        var layerName = name ?? NextName(kind);
        if (_layers.Any(l => l.Name == layerName))
        {
            layer.Dispose();
            throw new ArgumentException($"Two layers are named '{layerName}'; layer names must be unique.", nameof(name));
        }

        _layers.Add(new Layer(layerName, layer, _shape));
        _shape = outShape;
        return this;
    }

    /// <summary>
    /// A convolution made inside a dispose scope: TorchSharp 0.107's Conv2d leaves one
    /// temporary tensor of its bias initialisation undisposed, which would otherwise outlive
    /// every trial. Parameters are not scoped, so they survive.
    /// </summary>
    private static nn.Module<Tensor, Tensor> NewConv(long inChannels, long outChannels, long kernel, long stride, long? padding, ConvMode mode)
    {
        if (kernel == 1 && stride > 1 && padding == 0)
        {
            return new StridedPointwiseConv(inChannels, outChannels, stride, mode.Groups, mode.Bias);
        }

        using var scope = NewDisposeScope();
        return padding is { } pixels
            ? nn.Conv2d(inChannels, outChannels, kernel, stride, pixels, mode.Dilation, padding_mode: mode.PaddingMode, groups: mode.Groups, bias: mode.Bias)
            : nn.Conv2d(inChannels, outChannels, kernel, TorchSharp.Padding.Same, stride, mode.Dilation, padding_mode: mode.PaddingMode, groups: mode.Groups, bias: mode.Bias);
    }

    // LibTorch pads reflect with F.pad, which needs fewer pixels than the size, and circular at most the size;
    // checked here so the mistake names the layer instead of failing inside the first forward pass.
    private static void CheckPaddingFits(PaddingModes mode, long pixels, long height, long width)
    {
        var smallest = Math.Min(height, width);
        if ((mode == PaddingModes.Reflect && pixels >= smallest) || (mode == PaddingModes.Circular && pixels > smallest))
        {
            var limit = mode == PaddingModes.Reflect ? "fewer pixels than the image's size" : "at most the image's size";
            throw new ArgumentException($"conv with padding_mode {mode.ToString().ToLowerInvariant()} pads {pixels} pixels on a {height} x {width} image; it needs {limit}.", nameof(mode));
        }
    }

    private string NextName(string kind)
    {
        var count = _kindCounts.GetValueOrDefault(kind) + 1;
        _kindCounts[kind] = count;
        // A kind ending in a digit (relu6) takes an underscore so its count stays readable: relu6_1, not relu61.
        return kind + (char.IsAsciiDigit(kind[^1]) ? "_" : string.Empty) + count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private (long Channels, long Height, long Width) Spatial(string layer) => _shape.Length == 3
        ? (_shape[0], _shape[1], _shape[2])
        : throw new InvalidOperationException($"{layer} needs image-shaped input (channels, height, width), but the previous layer gives [{string.Join(", ", _shape)}].");

    private static long OutputSize(string layer, long size, long span, long stride, long padding)
    {
        var result = ((size + (2 * padding) - span) / stride) + 1;
        return result >= 1
            ? result
            : throw new InvalidOperationException($"{layer} with a {span}-pixel window cannot slide over {size} pixels (padding {padding}); the input is too small.");
    }

    /// <summary>How a convolution is made besides its sizes: what its padding holds, its dilation, groups and bias.</summary>
    private sealed record ConvMode(PaddingModes PaddingMode, long Dilation, long Groups, bool Bias);

    /// <summary>A layer of the network: its name (the start of its parameter paths), its module, and the shape it receives (null where not known).</summary>
    private sealed record Layer(string Name, nn.Module<Tensor, Tensor> Module, long[]? Input);
}
