namespace HyperDsl.Runtime.Models;

/// <summary>The torchvision backbones of the language (<c>resnet18</c> ... <c>resnet152</c>).</summary>
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
}
