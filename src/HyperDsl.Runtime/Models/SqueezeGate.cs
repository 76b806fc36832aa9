namespace HyperDsl.Runtime.Models;

/// <summary>The gate of a squeeze-and-excitation (<c>squeeze_excite(gate: ...)</c>), which turns the excitation into per-channel scales.</summary>
public enum SqueezeGate
{
    /// <summary>The logistic sigmoid (SENet, EfficientNet).</summary>
    Sigmoid,

    /// <summary>relu6(x + 3) / 6, as PyTorch's <c>nn.Hardsigmoid</c> (MobileNetV3).</summary>
    Hardsigmoid,
}
