using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// body(x) + shortcut(x), where the shortcut is the identity when the body keeps the shape,
/// or a 1 x 1 convolution with the body's stride and a batch norm when channels or size change
/// (He et al. 2016, option B). Activation after the sum is the next layer's job.
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _body;
    private readonly nn.Module<Tensor, Tensor>? _projection;

    public ResidualBlock(string name, nn.Module<Tensor, Tensor> body, nn.Module<Tensor, Tensor>? projection)
        : base(name)
    {
        _body = body;
        _projection = projection;

        // Registered by hand: the submodule names are part of parameter paths ("block1.body.conv1.weight").
        register_module("body", _body);
        if (_projection is not null)
        {
            register_module("projection", _projection);
        }
    }

    /// <summary>Whether the shortcut is a 1 x 1 projection rather than the identity.</summary>
    public bool HasProjection => _projection is not null;

    public override Tensor forward(Tensor input)
    {
        // Out of place: the body may end in a ReLU, whose backward pass needs its output intact.
        using var main = _body.call(input);
        if (_projection is null)
        {
            return main.add(input, One);
        }

        using var side = _projection.call(input);
        return main.add(side, One);
    }

    // Its submodules are registered by hand, under the names of parameter paths; TorchSharp's
    // registration by field, which register_module runs on a custom module, would list them again
    // under their field names (in state_dict and named_modules, so FLOPs would be counted twice).
    protected override void RegisterComponents()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
            _projection?.Dispose();
        }

        base.Dispose(disposing);
    }
}
