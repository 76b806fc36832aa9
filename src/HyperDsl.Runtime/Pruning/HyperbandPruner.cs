using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Hyperband: several successive-halving brackets, from aggressive (first rung after
/// <c>minResource</c> steps) to none at all, with trials spread over them in proportion to each
/// bracket's budget (<see cref="HyperbandBrackets"/>). A trial competes only with trials of its own bracket.
/// </summary>
public sealed class HyperbandPruner : IPruner
{
    private readonly HyperbandBrackets _assignment;
    private readonly SuccessiveHalvingPruner[] _brackets;

    /// <summary>Creates a Hyperband pruner.</summary>
    /// <param name="direction">Whether the reported values are better smaller or larger.</param>
    /// <param name="maxResource">Steps (epochs) of a trial that is never pruned.</param>
    /// <param name="minResource">Steps before the first rung of the most aggressive bracket.</param>
    /// <param name="reductionFactor">How many trials reach a rung for each one that passes it.</param>
    public HyperbandPruner(StudyDirection direction, int maxResource, int minResource = 1, int reductionFactor = 3)
    {
        _assignment = new HyperbandBrackets(maxResource, minResource, reductionFactor);
        _brackets = new SuccessiveHalvingPruner[_assignment.Count];
        for (var i = 0; i < _brackets.Length; i++)
        {
            var bracket = i;
            _brackets[i] = new SuccessiveHalvingPruner(direction, minResource, reductionFactor, minEarlyStoppingRate: i, t => BracketOf(t.Number) == bracket);
        }
    }

    /// <summary>How many brackets there are.</summary>
    public int BracketCount => _assignment.Count;

    /// <summary>The bracket trial <paramref name="number"/> belongs to, from 0 (most aggressive).</summary>
    public int BracketOf(int number) => _assignment.Of(number);

    /// <inheritdoc />
    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> study)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return _brackets[BracketOf(trial.Number)].ShouldPrune(trial, study);
    }
}
