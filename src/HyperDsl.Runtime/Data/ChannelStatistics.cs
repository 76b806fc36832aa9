using static TorchSharp.torch;

namespace HyperDsl.Runtime.Data;

/// <summary>Per-channel mean and standard deviation, resolved from a <see cref="Normalization"/>.</summary>
/// <param name="Mean">One value per channel.</param>
/// <param name="Std">One positive value per channel.</param>
public sealed record ChannelStatistics(IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    /// <summary>Whether applying these statistics changes nothing.</summary>
    public bool IsIdentity => Mean.All(m => m == 0) && Std.All(s => s == 1);

    /// <summary>The mean as a 1 x C x 1 x 1 tensor (owned by the caller) on <paramref name="device"/>.</summary>
    public Tensor MeanTensor(Device device) => tensor(Mean.Select(m => (float)m).ToArray(), [1, Mean.Count, 1, 1], device: device);

    /// <summary>The reciprocal standard deviation as a 1 x C x 1 x 1 tensor (owned by the caller) on <paramref name="device"/>.</summary>
    public Tensor InverseStdTensor(Device device)
    {
        if (Std.Any(s => !(s > 0)))
        {
            throw new InvalidOperationException($"Normalisation needs positive standard deviations; got [{string.Join(", ", Std)}] (are all images the same?).");
        }

        return tensor(Std.Select(s => (float)(1 / s)).ToArray(), [1, Std.Count, 1, 1], device: device);
    }
}
