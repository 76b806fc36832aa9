namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// The torchvision layout of a backbone entry, from which the shape checker builds it on shapes
/// (its modules' parameters, its output and FLOPs for any input): a <see cref="ResNetLayout"/>,
/// <see cref="MobileNetV2Layout"/>, <see cref="MobileNetV3Layout"/> or <see cref="EfficientNetLayout"/>.
/// </summary>
/// <param name="HeadPath">The path of the classification head, which 'replace' swaps and 'freeze all except' keeps: torchvision's <c>fc</c> or <c>classifier</c>.</param>
public abstract record BackboneLayout(string HeadPath);
