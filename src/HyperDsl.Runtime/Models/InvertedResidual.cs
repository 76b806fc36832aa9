using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// A MobileNetV2/V3 inverted residual block: <c>block</c> (expansion, depthwise convolution, optional
/// squeeze-and-excitation, projection), plus the input when the block keeps the shape (stride 1, as
/// many channels out as in). No activation follows the sum: the projection is linear (Sandler et al. 2018).
/// </summary>
internal sealed class InvertedResidual : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _block;

    public InvertedResidual(nn.Module<Tensor, Tensor> block, bool residual)
        : base(nameof(InvertedResidual))
    {
        _block = block;
        UsesResidual = residual;
        register_module("block", _block);
    }

    /// <summary>Whether the input is added to the block's output.</summary>
    public bool UsesResidual { get; }

    // Its submodules and parameters are registered by hand, under the names of parameter paths;
    // TorchSharp's registration by field, which register_module runs on a custom module, would
    // list them again under their field names (in state_dict and named_modules, so FLOPs would be
    // counted twice).
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input)
    {
        if (!UsesResidual)
        {
            return _block.call(input);
        }

        using var main = _block.call(input);
        return main.add(input, One);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _block.Dispose();
        }

        base.Dispose(disposing);
    }
}
