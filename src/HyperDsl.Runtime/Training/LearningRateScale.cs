using HyperDsl.Runtime.Models;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// Per-group learning rates (<c>lr_scale factor, except: [paths]</c>): every trainable
/// parameter runs at <paramref name="Factor"/> times the scheduled rate, except those under
/// <paramref name="Except"/> (typically the new head), which run at the full rate.
/// </summary>
/// <param name="Factor">The multiplier for the backbone.</param>
/// <param name="Except">Parameter paths (layer names) that keep the full rate.</param>
public sealed record LearningRateScale(double Factor, IReadOnlyList<string> Except)
{
    /// <summary>Splits the trainable parameters of <paramref name="model"/> into groups; without a scale, one group at 1.</summary>
    internal static IReadOnlyList<ParameterGroup> Groups(nn.Module model, LearningRateScale? scale)
    {
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        if (trainable.Count == 0)
        {
            throw new InvalidOperationException("The model has no trainable parameters (are they all frozen?).");
        }

        if (scale is null)
        {
            return [new ParameterGroup([.. trainable.Select(p => p.parameter)], 1)];
        }

        if (!(scale.Factor >= 0) || double.IsInfinity(scale.Factor))
        {
            throw new ArgumentException($"lr_scale needs a factor of 0 or more; got {scale.Factor}.", nameof(scale));
        }

        var full = trainable.Where(p => scale.Except.Any(path => ModelParameters.IsUnder(p.name, path))).Select(p => p.parameter).ToList();
        var scaled = trainable.Where(p => !scale.Except.Any(path => ModelParameters.IsUnder(p.name, path))).Select(p => p.parameter).ToList();
        if (full.Count == 0)
        {
            throw new ArgumentException($"lr_scale's except list [{string.Join(", ", scale.Except)}] names no trainable parameter.", nameof(scale));
        }

        return scaled.Count == 0 ? [new ParameterGroup(full, 1)] : [new ParameterGroup(scaled, scale.Factor), new ParameterGroup(full, 1)];
    }
}
