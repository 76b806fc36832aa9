using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>The layers of efficient networks: separable convolutions, squeeze-and-excitation and inverted residual blocks.</summary>
public sealed partial class ModelBuilder
{
    /// <summary>
    /// A depthwise-separable convolution (<c>separable_conv(out, kernel:, stride:, padding:, dilation:, bias:)</c>), as Keras's
    /// <c>SeparableConv2D</c>: <c>depthwise</c>, one <paramref name="kernel"/> x <paramref name="kernel"/> filter per input channel
    /// without bias, then <c>pointwise</c>, a 1x1 convolution to <paramref name="channels"/> with the bias. No normalisation or
    /// activation inside. The padding defaults to <see cref="ConvPadding.Same"/>.
    /// </summary>
    public ModelBuilder SeparableConv(int channels, int kernel = 3, int stride = 1, ConvPadding? padding = null, int dilation = 1, bool bias = true, string? name = null)
    {
        var (inChannels, _, _) = Spatial("separable_conv");
        var inner = new ModelBuilder(_shape);
        inner.Conv(checked((int)inChannels), kernel, stride, padding ?? ConvPadding.Same, dilation, groups: checked((int)inChannels), bias: false, name: "depthwise")
            .Conv(channels, kernel: 1, bias: bias, name: "pointwise");
        return Add("separable_conv", name, inner.Build(), inner._shape);
    }

    /// <summary>
    /// Squeeze-and-excitation (<c>squeeze_excite(reduction:, gate:)</c>): the input scaled per channel by
    /// gate(fc2(relu(fc1(mean)))), where <c>fc1</c> squeezes to max(1, C / <paramref name="reduction"/>) channels
    /// (rounded down). Keeps the shape.
    /// </summary>
    public ModelBuilder SqueezeExcite(int reduction = 4, SqueezeGate gate = SqueezeGate.Sigmoid, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reduction, 1);
        var (channels, _, _) = Spatial("squeeze_excite");
        return Add("squeeze_excite", name, new SqueezeExcitation(channels, Math.Max(1, channels / reduction), gate), _shape);
    }

    /// <summary>
    /// A MobileNetV2/V3 inverted residual block (<c>inverted_residual(out, expand:, kernel:, stride:, se:, activation:)</c>):
    /// <c>block.expand</c> (1x1 convolution to C · <paramref name="expand"/>, batch norm, activation; absent when expand is 1),
    /// <c>block.depthwise</c> (<paramref name="kernel"/> x <paramref name="kernel"/> depthwise convolution with the stride,
    /// padded by (kernel - 1) / 2, batch norm, activation), <c>block.se</c> when <paramref name="se"/> (squeeze to
    /// max(1, hidden / 4), sigmoid gate), <c>block.project</c> (1x1 convolution to <paramref name="channels"/>, batch norm),
    /// and the input added when the stride is 1 and the channels are kept. Convolutions have no bias.
    /// </summary>
    /// <exception cref="ArgumentException">The kernel is even (it would not keep the map's size).</exception>
    public ModelBuilder InvertedResidual(int channels, int expand = 6, int kernel = 3, int stride = 1, bool se = false, BlockActivation activation = BlockActivation.Relu6, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(expand, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if (kernel % 2 == 0)
        {
            throw new ArgumentException($"inverted_residual needs an odd kernel to keep the map's size; it was given {kernel}.", nameof(kernel));
        }

        var (inChannels, height, width) = Spatial("inverted_residual");
        var hidden = inChannels * expand;
        var parts = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (expand != 1)
        {
            parts.Add(("expand", ConvNorm(inChannels, hidden, 1, 1, activation)));
        }

        parts.Add(("depthwise", ConvNorm(hidden, hidden, kernel, stride, activation, groups: hidden)));
        if (se)
        {
            parts.Add(("se", new SqueezeExcitation(hidden, Math.Max(1, hidden / 4), SqueezeGate.Sigmoid)));
        }

        parts.Add(("project", ConvNorm(hidden, channels, 1, 1, activation: null)));
        var block = new InvertedResidual(nn.Sequential(parts), residual: stride == 1 && inChannels == channels);
        return Add("inverted_residual", name, block, [channels, ((height - 1) / stride) + 1, ((width - 1) / stride) + 1]);
    }

    // A convolution without bias padded by (kernel - 1) / 2, a batch norm and the activation (none for a projection), as torchvision's Conv2dNormActivation.
    private static nn.Module<Tensor, Tensor> ConvNorm(long inChannels, long outChannels, long kernel, long stride, BlockActivation? activation, long groups = 1)
    {
        var conv = NewConv(inChannels, outChannels, kernel, stride, (kernel - 1) / 2, new ConvMode(PaddingModes.Zeros, Dilation: 1, Groups: groups, Bias: false));
        var norm = nn.BatchNorm2d(outChannels);
        return activation is { } chosen
            ? nn.Sequential(("conv", conv), ("bn", norm), ("act", Activation(chosen)))
            : nn.Sequential(("conv", conv), ("bn", norm));
    }

    private static nn.Module<Tensor, Tensor> Activation(BlockActivation activation) => activation switch
    {
        BlockActivation.Relu => nn.ReLU(),
        BlockActivation.Hardswish => nn.Hardswish(),
        BlockActivation.Silu => nn.SiLU(),
        _ => nn.ReLU6(),
    };
}
