using HyperDsl.Runtime.Data;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>Applies resolved per-channel statistics to batches: (x - mean) / std, as one fused subtract and multiply.</summary>
internal sealed class BatchNormalizer : IDisposable
{
    private readonly Tensor? _mean;
    private readonly Tensor? _inverseStd;

    public BatchNormalizer(ChannelStatistics statistics, Device device)
    {
        if (statistics.IsIdentity)
        {
            return;
        }

        _mean = statistics.MeanTensor(device).DetachFromDisposeScope();
        _inverseStd = statistics.InverseStdTensor(device).DetachFromDisposeScope();
    }

    /// <summary>The normalised batch: a new tensor, or <paramref name="batch"/> itself when there is nothing to do.</summary>
    public Tensor Apply(Tensor batch) => _mean is null ? batch : batch.sub(_mean).mul_(_inverseStd!);

    /// <summary>Normalises a batch the caller owns in place (no allocation on the training hot path); returns it.</summary>
    public Tensor ApplyInPlace(Tensor batch) => _mean is null ? batch : batch.sub_(_mean).mul_(_inverseStd!);

    public void Dispose()
    {
        _mean?.Dispose();
        _inverseStd?.Dispose();
    }
}
