using System.Collections.Immutable;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// The torchvision layout of a ResNet backbone: how many residual blocks each of the four stages
/// has, and whether they are bottleneck blocks (1x1, 3x3, 1x1 with four times the channels) or
/// basic ones (two 3x3). Its head is the linear layer <c>fc</c>.
/// </summary>
/// <param name="Blocks">The number of blocks in each of the four stages.</param>
/// <param name="Bottleneck">True for bottleneck blocks (ResNet-50 and deeper), false for basic blocks.</param>
public sealed record ResNetLayout(ImmutableArray<int> Blocks, bool Bottleneck) : BackboneLayout("fc");
