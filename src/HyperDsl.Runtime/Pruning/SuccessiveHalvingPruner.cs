using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Asynchronous successive halving (ASHA). Rung <c>k</c> sits at step
/// <c>minResource · factor^(minEarlyStoppingRate + k)</c>; a trial reaching a rung goes on only
/// if it is in the best <c>1/factor</c> of the trials that have reached that rung so far (the
/// first ones, before there is a fraction to take, only if they are the best). The rules match
/// Optuna's <c>SuccessiveHalvingPruner</c>. A trial's value at a rung is the one it reported at
/// the rung's step, or at the first step after it when it did not report that one.
/// </summary>
public sealed class SuccessiveHalvingPruner : IPruner
{
    private readonly StudyDirection _direction;
    private readonly int _minResource;
    private readonly int _reductionFactor;
    private readonly int _minEarlyStoppingRate;
    private readonly Func<TrialRecord, bool> _competes;

    /// <summary>Creates an ASHA pruner.</summary>
    /// <param name="direction">Whether the reported values are better smaller or larger.</param>
    /// <param name="minResource">Steps every trial gets before the first rung.</param>
    /// <param name="reductionFactor">How many trials reach a rung for each one that passes it.</param>
    /// <param name="minEarlyStoppingRate">Rungs skipped at the start (Hyperband's brackets use it).</param>
    public SuccessiveHalvingPruner(StudyDirection direction, int minResource = 1, int reductionFactor = 4, int minEarlyStoppingRate = 0)
        : this(direction, minResource, reductionFactor, minEarlyStoppingRate, static _ => true)
    {
    }

    internal SuccessiveHalvingPruner(StudyDirection direction, int minResource, int reductionFactor, int minEarlyStoppingRate, Func<TrialRecord, bool> competes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minResource, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(minEarlyStoppingRate);
        _direction = direction;
        _minResource = minResource;
        _reductionFactor = reductionFactor;
        _minEarlyStoppingRate = minEarlyStoppingRate;
        _competes = competes;
    }

    /// <inheritdoc />
    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> study)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(study);
        if (trial.LastStep is not { } step)
        {
            return false;
        }

        for (var rung = 0; RungStep(rung) is var rungStep && rungStep <= step; rung++)
        {
            // A rung is judged once, by the report that reached it; later reports do not reopen it.
            if (FirstStepAtOrAfter(trial, rungStep) != step)
            {
                continue;
            }

            var value = trial.Intermediate[step];
            if (double.IsNaN(value))
            {
                return true;
            }

            var competing = study
                .Where(t => t.Number != trial.Number && _competes(t))
                .Select(t => FirstStepAtOrAfter(t, rungStep) is { } s ? t.Intermediate[s] : double.NaN)
                .Where(v => !double.IsNaN(v))
                .Append(value)
                .ToList();
            if (!IsPromotable(value, competing))
            {
                return true;
            }
        }

        return false;
    }

    private long RungStep(int rung) => _minResource * (long)Math.Pow(_reductionFactor, _minEarlyStoppingRate + rung);

    private static int? FirstStepAtOrAfter(TrialRecord trial, long step)
    {
        int? first = null;
        foreach (var s in trial.Intermediate.Keys)
        {
            if (s >= step && (first is null || s < first))
            {
                first = s;
            }
        }

        return first;
    }

    private bool IsPromotable(double value, List<double> competing)
    {
        competing.Sort();
        var index = Math.Max((competing.Count / _reductionFactor) - 1, 0);
        return _direction == StudyDirection.Minimize ? value <= competing[index] : value >= competing[^(index + 1)];
    }
}
