using HyperDsl.Runtime.Training.Optimizers;

namespace HyperDsl.Runtime.Training;

/// <summary>Which optimizer a trial uses and its settings; the trainer creates it over the model's parameter groups.</summary>
public abstract record OptimizerSpec
{
    private OptimizerSpec(double learningRate, double weightDecay)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a positive number.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>The base learning rate that schedules scale.</summary>
    public double LearningRate { get; }

    /// <summary>L2 penalty (decoupled for AdamW).</summary>
    public double WeightDecay { get; }

    /// <summary>Stochastic gradient descent (<c>sgd(lr:, momentum:, nesterov:, weight_decay:)</c>).</summary>
    public static OptimizerSpec Sgd(double lr, double momentum = 0, bool nesterov = false, double weightDecay = 0)
    {
        if (nesterov && !(momentum > 0))
        {
            throw new ArgumentException("Nesterov momentum needs a momentum above 0.", nameof(nesterov));
        }

        return new SgdSpec(lr, momentum, nesterov, weightDecay);
    }

    /// <summary>Adam (<c>adam(lr:, weight_decay:)</c>); weight decay is added to the gradient.</summary>
    public static OptimizerSpec Adam(double lr = 1e-3, double weightDecay = 0, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) =>
        new AdamSpec(lr, weightDecay, beta1, beta2, eps, Decoupled: false);

    /// <summary>AdamW (<c>adamw(lr:, weight_decay:)</c>): weight decay decoupled from the gradient.</summary>
    public static OptimizerSpec AdamW(double lr = 1e-3, double weightDecay = 0.01, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) =>
        new AdamSpec(lr, weightDecay, beta1, beta2, eps, Decoupled: true);

    /// <summary>RMSprop (<c>rmsprop(lr:, alpha:, momentum:, weight_decay:)</c>).</summary>
    public static OptimizerSpec RmsProp(double lr = 1e-2, double alpha = 0.99, double momentum = 0, double weightDecay = 0, double eps = 1e-8) =>
        new RmsPropSpec(lr, alpha, momentum, weightDecay, eps);

    /// <summary>Creates the optimizer with one parameter group per group, in order, each at its scaled rate.</summary>
    /// <remarks>HyperDsl's own optimizers, not TorchSharp's: see <see cref="TrainingOptimizer"/> (issue 20).</remarks>
    internal abstract TrainingOptimizer Create(IReadOnlyList<ParameterGroup> groups);

    private sealed record SgdSpec(double Lr, double Momentum, bool Nesterov, double Decay) : OptimizerSpec(Lr, Decay)
    {
        internal override TrainingOptimizer Create(IReadOnlyList<ParameterGroup> groups) => new Optimizers.Sgd(groups, Lr, Momentum, Nesterov, Decay);

        public override string ToString() => $"sgd(lr: {Lr}, momentum: {Momentum}, nesterov: {Nesterov.ToString().ToLowerInvariant()}, weight_decay: {Decay})";
    }

    private sealed record AdamSpec(double Lr, double Decay, double Beta1, double Beta2, double Eps, bool Decoupled) : OptimizerSpec(Lr, Decay)
    {
        internal override TrainingOptimizer Create(IReadOnlyList<ParameterGroup> groups) => new Optimizers.Adam(groups, Lr, Beta1, Beta2, Eps, Decay, Decoupled);

        public override string ToString() => $"{(Decoupled ? "adamw" : "adam")}(lr: {Lr}, weight_decay: {Decay})";
    }

    private sealed record RmsPropSpec(double Lr, double Alpha, double Momentum, double Decay, double Eps) : OptimizerSpec(Lr, Decay)
    {
        internal override TrainingOptimizer Create(IReadOnlyList<ParameterGroup> groups) => new Optimizers.RmsProp(groups, Lr, Alpha, Momentum, Decay, Eps);

        public override string ToString() => $"rmsprop(lr: {Lr}, alpha: {Alpha}, momentum: {Momentum}, weight_decay: {Decay})";
    }
}
