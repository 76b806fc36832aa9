namespace HyperDsl.Runtime.Models;

/// <summary>The torchvision backbones of the language (<c>resnet18</c> ... <c>resnet152</c>, <c>mobilenet_v2</c>, <c>mobilenet_v3_small</c>, <c>mobilenet_v3_large</c>, <c>efficientnet_b0</c>).</summary>
public enum BackboneKind
{
    /// <summary>ResNet-18 (basic blocks, 512 features before the head).</summary>
    ResNet18,

    /// <summary>ResNet-34 (basic blocks, 512 features).</summary>
    ResNet34,

    /// <summary>ResNet-50 (bottleneck blocks, 2048 features).</summary>
    ResNet50,

    /// <summary>ResNet-101 (bottleneck blocks, 2048 features).</summary>
    ResNet101,

    /// <summary>ResNet-152 (bottleneck blocks, 2048 features).</summary>
    ResNet152,

    /// <summary>MobileNetV2 (torchvision's <c>mobilenet_v2</c>: inverted residuals, 1280 features; head <c>classifier</c>).</summary>
    MobileNetV2,

    /// <summary>MobileNetV3-Small (torchvision's <c>mobilenet_v3_small</c>: 576 features into a 1024-wide hidden layer; head <c>classifier</c>).</summary>
    MobileNetV3Small,

    /// <summary>MobileNetV3-Large (torchvision's <c>mobilenet_v3_large</c>: 960 features into a 1280-wide hidden layer; head <c>classifier</c>).</summary>
    MobileNetV3Large,

    /// <summary>EfficientNet-B0 (torchvision's <c>efficientnet_b0</c> layout, built by HyperDsl: MBConv blocks with squeeze-and-excitation and SiLU, 1280 features; head <c>classifier</c>).</summary>
    EfficientNetB0,
}
