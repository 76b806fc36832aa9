using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// Squeeze-and-excitation, as torchvision's <c>SqueezeExcitation</c>: each channel's mean, a 1x1
/// convolution <c>fc1</c> to the squeezed channels, ReLU (SiLU in EfficientNet), a 1x1 convolution <c>fc2</c> back, the gate,
/// and the input scaled by the result per channel. The submodule names are torchvision's, so
/// parameter paths read <c>se.fc1.weight</c>.
/// </summary>
internal sealed class SqueezeExcitation : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _fc1;
    private readonly nn.Module<Tensor, Tensor> _fc2;
    private readonly nn.Module<Tensor, Tensor> _gate;
    private readonly nn.Module<Tensor, Tensor> _activation;

    /// <param name="channels">The channels scaled.</param>
    /// <param name="squeeze">The channels between the two convolutions.</param>
    /// <param name="gate">The gate on the excitation.</param>
    /// <param name="silu">SiLU between the convolutions instead of ReLU, as in EfficientNet.</param>
    public SqueezeExcitation(long channels, long squeeze, SqueezeGate gate, bool silu = false)
        : base(nameof(SqueezeExcitation))
    {
        // Made in a dispose scope for the reason ModelBuilder's convolutions are: TorchSharp's Conv2d leaks a temporary.
        using (var scope = NewDisposeScope())
        {
            _fc1 = nn.Conv2d(channels, squeeze, 1);
            _fc2 = nn.Conv2d(squeeze, channels, 1);
        }

        _gate = gate == SqueezeGate.Hardsigmoid ? nn.Hardsigmoid() : nn.Sigmoid();
        _activation = silu ? nn.SiLU() : nn.ReLU();
        register_module("fc1", _fc1);
        register_module("fc2", _fc2);
        register_module("activation", _activation);
        register_module("gate", _gate);
    }

    // Its submodules and parameters are registered by hand, under the names of parameter paths;
    // TorchSharp's registration by field, which register_module runs on a custom module, would
    // list them again under their field names (in state_dict and named_modules, so FLOPs would be
    // counted twice).
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input)
    {
        using var pooled = nn.functional.adaptive_avg_pool2d(input, 1);
        using var squeezed = _fc1.call(pooled);
        using var activated = _activation.call(squeezed);
        using var excited = _fc2.call(activated);
        using var scale = _gate.call(excited);
        return input.mul(scale);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fc1.Dispose();
            _fc2.Dispose();
            _gate.Dispose();
            _activation.Dispose();
        }

        base.Dispose(disposing);
    }
}
