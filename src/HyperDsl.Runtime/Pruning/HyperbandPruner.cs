using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Hyperband: several successive-halving brackets, from aggressive (first rung after
/// <c>minResource</c> steps) to none at all, with trials spread over them in proportion to each
/// bracket's budget. A trial competes only with trials of its own bracket. Its bracket is a
/// fixed function of its number, so a resumed study puts every trial back where it was.
/// </summary>
public sealed class HyperbandPruner : IPruner
{
    private readonly SuccessiveHalvingPruner[] _brackets;
    private readonly int[] _budgetEnds;

    /// <summary>Creates a Hyperband pruner.</summary>
    /// <param name="direction">Whether the reported values are better smaller or larger.</param>
    /// <param name="maxResource">Steps (epochs) of a trial that is never pruned.</param>
    /// <param name="minResource">Steps before the first rung of the most aggressive bracket.</param>
    /// <param name="reductionFactor">How many trials reach a rung for each one that passes it.</param>
    public HyperbandPruner(StudyDirection direction, int maxResource, int minResource = 1, int reductionFactor = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minResource, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResource, minResource);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);

        // Same bracket count and budgets as Optuna's HyperbandPruner.
        var count = (int)Math.Floor(Math.Log((double)maxResource / minResource, reductionFactor) + 1e-9) + 1;
        _brackets = new SuccessiveHalvingPruner[count];
        _budgetEnds = new int[count];
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            var bracket = i;
            _brackets[i] = new SuccessiveHalvingPruner(direction, minResource, reductionFactor, minEarlyStoppingRate: i, t => BracketOf(t.Number) == bracket);
            var s = count - 1 - i;
            total += (int)Math.Ceiling(count * Math.Pow(reductionFactor, s) / (s + 1));
            _budgetEnds[i] = total;
        }
    }

    /// <summary>How many brackets there are.</summary>
    public int BracketCount => _brackets.Length;

    /// <summary>The bracket trial <paramref name="number"/> belongs to, from 0 (most aggressive).</summary>
    public int BracketOf(int number)
    {
        var slot = (int)((uint)SeedMixer.Mix(0x4879_7065, number, stream: 1) % (uint)_budgetEnds[^1]);
        return Array.FindIndex(_budgetEnds, end => slot < end);
    }

    /// <inheritdoc />
    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> study)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return _brackets[BracketOf(trial.Number)].ShouldPrune(trial, study);
    }
}
