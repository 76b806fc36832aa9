using TorchSharp.Modules;

namespace HyperDsl.Runtime.Training;

/// <summary>Trainable parameters that share a learning-rate multiplier.</summary>
/// <param name="Parameters">The parameters (all with requires_grad).</param>
/// <param name="Scale">The group's rate is the schedule's rate times this.</param>
internal sealed record ParameterGroup(IReadOnlyList<Parameter> Parameters, double Scale);
