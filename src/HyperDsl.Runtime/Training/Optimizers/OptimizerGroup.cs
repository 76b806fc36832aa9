using TorchSharp.Modules;

namespace HyperDsl.Runtime.Training.Optimizers;

/// <summary>Parameters updated at one learning rate, which the trainer (through the schedule) sets before every step.</summary>
internal sealed class OptimizerGroup(IReadOnlyList<Parameter> parameters, double learningRate)
{
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    public double LearningRate { get; set; } = learningRate;
}
