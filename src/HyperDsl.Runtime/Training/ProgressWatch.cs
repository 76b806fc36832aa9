using HyperDsl.Runtime.Training.Checkpoints;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>Tracks the best epoch: for early stopping's patience, and to save the best weights.</summary>
internal sealed class ProgressWatch(EarlyStopping? earlyStopping, string? bestWeightsPath, bool keepBestInMemory, bool hasValidation) : IDisposable
{
    private Dictionary<string, Tensor>? _best;

    private readonly Metric _bestMetric = hasValidation ? Metric.ValAccuracy : Metric.TrainLoss;
    private double? _bestForWeights;
    private double? _bestForStopping;
    private int _epochsWithoutImprovement;

    /// <summary>Whether early stopping's patience has run out.</summary>
    public bool ShouldStopEarly => earlyStopping is { } stopping && _epochsWithoutImprovement >= stopping.Patience;

    public void Record(EpochMetrics metrics, nn.Module model)
    {
        // A segmentation model has no accuracy per image: its best weights are those of the best mean IoU.
        var bestMetric = _bestMetric == Metric.ValAccuracy && metrics.ValAccuracy is null && metrics.ValMiou is not null ? Metric.ValMiou : _bestMetric;
        if ((bestWeightsPath is not null || keepBestInMemory) && metrics.Get(bestMetric) is { } value && Improves(bestMetric, value, _bestForWeights, 0))
        {
            _bestForWeights = value;
            if (bestWeightsPath is not null)
            {
                WeightsFile.Save(model, bestWeightsPath);
            }

            if (keepBestInMemory)
            {
                DisposeBest();
                // Under mixed precision the model holds bf16/fp16 weights; the kept copy is fp32, as the model is when it is loaded back.
                _best = model.state_dict().ToDictionary(p => p.Key, p => ModelPrecision.FullPrecisionCopy(p.Value).DetachFromDisposeScope(), StringComparer.Ordinal);
            }
        }

        if (earlyStopping is { } stopping && metrics.Get(stopping.Metric) is { } watched)
        {
            if (Improves(stopping.Metric, watched, _bestForStopping, stopping.MinDelta))
            {
                _bestForStopping = watched;
                _epochsWithoutImprovement = 0;
            }
            else
            {
                _epochsWithoutImprovement++;
            }
        }
    }

    /// <summary>Loads the best epoch's weights (kept in memory) back into <paramref name="model"/> and saves them; false when there are none.</summary>
    public bool SaveBest(nn.Module model, string path)
    {
        if (_best is null)
        {
            return false;
        }

        model.load_state_dict(_best);
        WeightsFile.Save(model, path);
        return true;
    }

    /// <summary>The bookkeeping and the best weights kept in memory, for a checkpoint.</summary>
    public (WatchState State, List<StoredTensor>? Best) Snapshot() =>
        (new WatchState(_bestForWeights, _bestForStopping, _epochsWithoutImprovement), _best is null ? null : StoredTensor.OfState(_best));

    /// <summary>Takes up the bookkeeping of a checkpoint, as if this watch had recorded its epochs.</summary>
    public void Restore(WatchState state, IReadOnlyList<StoredTensor>? best)
    {
        _bestForWeights = state.BestForWeights;
        _bestForStopping = state.BestForStopping;
        _epochsWithoutImprovement = state.EpochsWithoutImprovement;
        DisposeBest();
        if (best is not null && keepBestInMemory)
        {
            _best = best.ToDictionary(t => t.Name, t => t.ToTensor(), StringComparer.Ordinal);
        }
    }

    public void Dispose() => DisposeBest();

    private void DisposeBest()
    {
        foreach (var tensor in _best?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }

        _best = null;
    }

    private static bool Improves(Metric metric, double value, double? best, double minDelta) => best is not { } b
        || (metric is Metric.ValAccuracy or Metric.ValTop5 or Metric.ValAuc or Metric.ValMiou or Metric.ValPixelAccuracy ? value > b + minDelta : value < b - minDelta);
}
