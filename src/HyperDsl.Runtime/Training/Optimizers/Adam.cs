using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training.Optimizers;

/// <summary>
/// Adam with L2 weight decay added to the gradient, or (decoupled) AdamW, which shrinks the
/// weights by lr × decay before the update: TorchSharp's and PyTorch's rules, without amsgrad.
/// The bias-corrected denominator is computed in one temporary (TorchSharp's makes two).
/// </summary>
internal sealed class Adam : TrainingOptimizer
{
    private const string Average = "exp_avg";
    private const string SquareAverage = "exp_avg_sq";
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _weightDecay;
    private readonly bool _decoupled;
    private readonly Scalar _beta1Factor;
    private readonly Scalar _beta2Factor;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _eps;
    private readonly Scalar _decay;

    public Adam(IReadOnlyList<ParameterGroup> groups, double learningRate, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
        : base(groups, learningRate)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _weightDecay = weightDecay;
        _decoupled = decoupled;
        _beta1Factor = Hold(beta1);
        _beta2Factor = Hold(beta2);
        _oneMinusBeta1 = Hold(1 - beta1);
        _oneMinusBeta2 = Hold(1 - beta2);
        _eps = Hold(eps);
        _decay = Hold(weightDecay);
        CreateSlots((parameter, _) => Zeros(parameter));
    }

    protected override string Kind => _decoupled ? "adamw" : "adam";

    protected override bool CountsSteps => true;

    protected override IReadOnlyList<(string Name, bool Always)> SlotNames => [(Average, true), (SquareAverage, true)];

    protected override void Update(Parameter parameter, Tensor grad, Dictionary<string, Tensor> slots, long step, double learningRate)
    {
        if (_decoupled)
        {
            // TorchSharp multiplies by 1 when there is no decay; that changes no bit, so it is skipped.
            if (_weightDecay != 0)
            {
                using var shrink = (1 - (learningRate * _weightDecay)).ToScalar();
                parameter.mul_(shrink);
            }
        }
        else if (_weightDecay != 0)
        {
            grad = grad.add(parameter, _decay);
        }

        var biasCorrection1 = 1 - Math.Pow(_beta1, step);
        var biasCorrection2 = 1 - Math.Pow(_beta2, step);
        var average = slots[Average];
        var squareAverage = slots[SquareAverage];
        average.mul_(_beta1Factor).add_(grad, _oneMinusBeta1);
        squareAverage.mul_(_beta2Factor).addcmul_(grad, grad, _oneMinusBeta2);

        using var correction2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var stepSize = (-(learningRate / biasCorrection1)).ToScalar();
        using var denominator = squareAverage.sqrt();
        denominator.div_(correction2).add_(_eps, One);
        parameter.addcdiv_(average, denominator, stepSize);
    }
}
