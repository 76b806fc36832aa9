using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training.Optimizers;

/// <summary>
/// Stochastic gradient descent with momentum (no dampening), Nesterov momentum and L2 weight decay:
/// TorchSharp's and PyTorch's rule. The momentum buffer starts as the first gradient.
/// </summary>
internal sealed class Sgd : TrainingOptimizer
{
    private const string Momentum = "momentum";
    private readonly double _momentum;
    private readonly bool _nesterov;
    private readonly double _weightDecay;
    private readonly Scalar _momentumFactor;
    private readonly Scalar _decay;

    public Sgd(IReadOnlyList<ParameterGroup> groups, double learningRate, double momentum, bool nesterov, double weightDecay)
        : base(groups, learningRate)
    {
        _momentum = momentum;
        _nesterov = nesterov;
        _weightDecay = weightDecay;
        _momentumFactor = Hold(momentum);
        _decay = Hold(weightDecay);
    }

    protected override string Kind => "sgd";

    protected override bool CountsSteps => false;

    protected override IReadOnlyList<(string Name, bool Always)> SlotNames => _momentum != 0 ? [(Momentum, false)] : [];

    protected override void Update(Parameter parameter, Tensor grad, Dictionary<string, Tensor> slots, long step, double learningRate)
    {
        if (_weightDecay != 0)
        {
            grad = grad.add(parameter, _decay);
        }

        if (_momentum != 0)
        {
            if (slots.TryGetValue(Momentum, out var buffer))
            {
                buffer.mul_(_momentumFactor).add_(grad, One);
            }
            else
            {
                buffer = grad.clone().detach().DetachFromDisposeScope();
                slots[Momentum] = buffer;
            }

            grad = _nesterov ? grad.add(buffer, _momentumFactor) : buffer;
        }

        using var rate = (-learningRate).ToScalar();
        parameter.add_(grad, rate);
    }
}
