namespace HyperDsl.Runtime.Models;

/// <summary>The activation of an inverted residual block (<c>inverted_residual(activation: ...)</c>), after its expansion and depthwise convolutions.</summary>
public enum BlockActivation
{
    /// <summary>min(max(0, x), 6): MobileNetV2's.</summary>
    Relu6,

    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>x * relu6(x + 3) / 6: MobileNetV3's.</summary>
    Hardswish,

    /// <summary>x * sigmoid(x): EfficientNet's.</summary>
    Silu,
}
