using System.Collections.Immutable;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// torchvision's EfficientNet (<c>efficientnet_b0</c>): a 3x3 stem of 32 channels, stages of MBConv
/// blocks (expansion, depthwise convolution, squeeze-and-excitation to a quarter of the block's input
/// channels, projection), a 1x1 convolution to 1280 channels and the head <c>classifier</c> (dropout,
/// then a linear layer).
/// </summary>
/// <param name="Stages">torchvision's MBConv settings: expansion ratio, kernel, the first block's stride, output channels and blocks of each stage.</param>
public sealed record EfficientNetLayout(ImmutableArray<(int Expansion, int Kernel, int Stride, int Channels, int Blocks)> Stages) : BackboneLayout("classifier")
{
    /// <summary>The stem's channels.</summary>
    public const int StemChannels = 32;

    /// <summary>The channels of the last convolution, which the head takes.</summary>
    public const int LastChannels = 1280;

    /// <summary>torchvision's B0 (width and depth multipliers 1.0).</summary>
    public static EfficientNetLayout B0 { get; } = new([(1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3), (6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1)]);
}
