using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training.Optimizers;

/// <summary>RMSprop (not centred) with momentum and L2 weight decay: TorchSharp's and PyTorch's rule.</summary>
internal sealed class RmsProp : TrainingOptimizer
{
    private const string SquareAverage = "square_avg";
    private const string Momentum = "momentum_buffer";
    private readonly double _momentum;
    private readonly double _weightDecay;
    private readonly Scalar _alpha;
    private readonly Scalar _oneMinusAlpha;
    private readonly Scalar _momentumFactor;
    private readonly Scalar _eps;
    private readonly Scalar _decay;

    public RmsProp(IReadOnlyList<ParameterGroup> groups, double learningRate, double alpha, double momentum, double weightDecay, double eps)
        : base(groups, learningRate)
    {
        _momentum = momentum;
        _weightDecay = weightDecay;
        _alpha = Hold(alpha);
        _oneMinusAlpha = Hold(1 - alpha);
        _momentumFactor = Hold(momentum);
        _eps = Hold(eps);
        _decay = Hold(weightDecay);
        CreateSlots((parameter, _) => Zeros(parameter));
    }

    protected override string Kind => "rmsprop";

    protected override bool CountsSteps => true;

    protected override IReadOnlyList<(string Name, bool Always)> SlotNames => _momentum > 0 ? [(SquareAverage, true), (Momentum, true)] : [(SquareAverage, true)];

    protected override void Update(Parameter parameter, Tensor grad, Dictionary<string, Tensor> slots, long step, double learningRate)
    {
        if (_weightDecay != 0)
        {
            grad = grad.add(parameter, _decay);
        }

        var squareAverage = slots[SquareAverage];
        squareAverage.mul_(_alpha).addcmul_(grad, grad, _oneMinusAlpha);
        using var average = squareAverage.sqrt();
        average.add_(_eps, One);
        using var rate = (-learningRate).ToScalar();
        if (_momentum > 0)
        {
            var buffer = slots[Momentum];
            buffer.mul_(_momentumFactor).addcdiv_(grad, average, One);
            parameter.add_(buffer, rate);
        }
        else
        {
            parameter.addcdiv_(grad, average, rate);
        }
    }
}
