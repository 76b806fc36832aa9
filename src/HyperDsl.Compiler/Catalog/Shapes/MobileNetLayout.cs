using System.Collections.Immutable;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// torchvision's MobileNetV2 (<c>mobilenet_v2</c>): a 3x3 stem of 32 channels, stages of inverted
/// residual blocks, a 1x1 convolution to 1280 channels and the head <c>classifier</c> (dropout, then
/// a linear layer). A width multiplier scales every channel count, rounded to a multiple of 8.
/// </summary>
/// <param name="Stages">torchvision's inverted residual setting: expansion ratio, output channels, blocks and the first block's stride of each stage.</param>
public sealed record MobileNetV2Layout(ImmutableArray<(int Expansion, int Channels, int Blocks, int Stride)> Stages) : BackboneLayout("classifier")
{
    /// <summary>torchvision's setting.</summary>
    public static MobileNetV2Layout Torchvision { get; } = new([(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]);
}

/// <summary>
/// torchvision's MobileNetV3 (<c>mobilenet_v3_small</c>, <c>mobilenet_v3_large</c>): a 3x3 stem of 16
/// channels, inverted residual blocks (some with squeeze-and-excitation), a 1x1 convolution to six
/// times the last block's channels and the head <c>classifier</c> (a hidden linear layer, hardswish,
/// dropout and the linear layer to the classes). A width multiplier scales the stem's, every block's and
/// the hidden layer's channels, rounded to a multiple of 8.
/// </summary>
/// <param name="Blocks">torchvision's block settings at width 1, in order.</param>
/// <param name="Hidden">The width of the classifier's hidden linear layer at width 1.</param>
public sealed record MobileNetV3Layout(ImmutableArray<MobileNetV3Block> Blocks, int Hidden) : BackboneLayout("classifier")
{
    /// <summary>The first convolution's output channels at width 1.</summary>
    public const int StemChannels = 16;

    /// <summary>torchvision's <c>mobilenet_v3_small</c>.</summary>
    public static MobileNetV3Layout Small { get; } = new(
    [
        new(3, 16, 16, true, 2), new(3, 72, 24, false, 2), new(3, 88, 24, false, 1), new(5, 96, 40, true, 2), new(5, 240, 40, true, 1),
        new(5, 240, 40, true, 1), new(5, 120, 48, true, 1), new(5, 144, 48, true, 1), new(5, 288, 96, true, 2), new(5, 576, 96, true, 1),
        new(5, 576, 96, true, 1),
    ], 1024);

    /// <summary>torchvision's <c>mobilenet_v3_large</c>.</summary>
    public static MobileNetV3Layout Large { get; } = new(
    [
        new(3, 16, 16, false, 1), new(3, 64, 24, false, 2), new(3, 72, 24, false, 1), new(5, 72, 40, true, 2), new(5, 120, 40, true, 1),
        new(5, 120, 40, true, 1), new(3, 240, 80, false, 2), new(3, 200, 80, false, 1), new(3, 184, 80, false, 1), new(3, 184, 80, false, 1),
        new(3, 480, 112, true, 1), new(3, 672, 112, true, 1), new(5, 672, 160, true, 2), new(5, 960, 160, true, 1), new(5, 960, 160, true, 1),
    ], 1280);
}

/// <summary>One inverted residual block of a MobileNetV3, as torchvision configures it (the activation does not change shapes or counts).</summary>
/// <param name="Kernel">The depthwise convolution's kernel.</param>
/// <param name="Expanded">The channels of the expansion (no expansion convolution when equal to the input's).</param>
/// <param name="Channels">The block's output channels.</param>
/// <param name="SqueezeExcite">Whether the block has squeeze-and-excitation after the depthwise convolution.</param>
/// <param name="Stride">The depthwise convolution's stride.</param>
public sealed record MobileNetV3Block(int Kernel, int Expanded, int Channels, bool SqueezeExcite, int Stride);
