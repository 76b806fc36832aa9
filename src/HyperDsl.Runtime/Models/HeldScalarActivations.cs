using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// x for x &gt; 0, slope x otherwise: TorchSharp's <c>nn.LeakyReLU</c> with its slope held as a
/// Scalar for the layer's life. TorchSharp's module makes the Scalar implicitly on every forward,
/// which a garbage collection can free during the call (issue 20); the native operation is the same.
/// </summary>
internal sealed class LeakyReluLayer(double slope) : nn.Module<Tensor, Tensor>("LeakyReLU")
{
    private readonly Scalar _slope = slope.ToScalar();

    public override Tensor forward(Tensor input) => input.leaky_relu(_slope);

    protected override void Dispose(bool disposing)
    {
        _slope.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// alpha (exp(x) - 1) for x &lt;= 0, x otherwise: TorchSharp's <c>nn.ELU</c> with its factors held
/// for the layer's life (issue 20, as <see cref="LeakyReluLayer"/>); the native operation is the same.
/// </summary>
internal sealed class EluLayer(double alpha) : nn.Module<Tensor, Tensor>("ELU")
{
    private readonly Scalar _alpha = alpha.ToScalar();
    private readonly Scalar _one = 1.0.ToScalar();

    public override Tensor forward(Tensor input) => input.elu(_alpha, _one, _one);

    protected override void Dispose(bool disposing)
    {
        _alpha.Dispose();
        _one.Dispose();
        base.Dispose(disposing);
    }
}
