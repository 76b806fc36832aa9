using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Stops a trial whose best value so far is worse than the median of the finished trials at the
/// same step, with Optuna's <c>MedianPruner</c> rules (startup trials, warm-up steps, an
/// interval between checks), so studies behave the same after moving from Optuna.
/// </summary>
public sealed class MedianPruner : IPruner
{
    private readonly StudyDirection _direction;
    private readonly int _startupTrials;
    private readonly int _warmupSteps;
    private readonly int _intervalSteps;

    /// <summary>Creates a median pruner.</summary>
    /// <param name="direction">Whether the reported values are better smaller or larger.</param>
    /// <param name="startupTrials">Finished trials needed before anything is pruned.</param>
    /// <param name="warmupSteps">Steps each trial runs before it can be pruned.</param>
    /// <param name="intervalSteps">Steps between two checks of one trial.</param>
    public MedianPruner(StudyDirection direction, int startupTrials = 5, int warmupSteps = 0, int intervalSteps = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startupTrials);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSteps, 1);
        _direction = direction;
        _startupTrials = startupTrials;
        _warmupSteps = warmupSteps;
        _intervalSteps = intervalSteps;
    }

    /// <inheritdoc />
    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> study)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(study);
        if (trial.LastStep is not { } step || step < _warmupSteps || !IsFirstReportInInterval(trial, step))
        {
            return false;
        }

        var finished = study.Where(t => t.State == TrialState.Complete).ToList();
        if (finished.Count < _startupTrials)
        {
            return false;
        }

        var best = BestSoFar(trial);
        if (double.IsNaN(best))
        {
            return true;
        }

        var atStep = finished
            .Select(t => t.Intermediate.TryGetValue(step, out var v) ? v : double.NaN)
            .Where(v => !double.IsNaN(v))
            .ToList();
        if (atStep.Count == 0)
        {
            return false;
        }

        var median = Statistics.Percentile(atStep, 50);
        return _direction == StudyDirection.Minimize ? best > median : best < median;
    }

    // A trial that reports less often than the interval is still checked once per interval.
    private bool IsFirstReportInInterval(TrialRecord trial, int step)
    {
        var checkpoint = ((step - _warmupSteps) / _intervalSteps * _intervalSteps) + _warmupSteps;
        var previous = trial.Intermediate.Keys.Where(s => s != step).DefaultIfEmpty(-1).Max();
        return previous < checkpoint;
    }

    private double BestSoFar(TrialRecord trial)
    {
        var values = trial.Intermediate.Values.Where(v => !double.IsNaN(v)).ToList();
        if (values.Count == 0)
        {
            return double.NaN;
        }

        return _direction == StudyDirection.Minimize ? values.Min() : values.Max();
    }
}
