using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Promotion-based Hyperband: the brackets of <see cref="HyperbandPruner"/> (a trial's bracket from its number,
/// <see cref="HyperbandBrackets"/>), each run as a <see cref="PromotingAsha"/> whose first rung is
/// <c>minEpochs · reduction^bracket</c>. A trial pauses at its own bracket's rungs and competes only with the trials of its bracket:
/// it is promoted when it is in the best <c>⌊n/reduction⌋</c> of the <c>n</c> trials of its bracket that reached its rung. The last
/// bracket has no rung below the full epochs, so its trials train to the end without pausing.
/// </summary>
public sealed class PromotingHyperband : IPromotionSchedule
{
    private readonly HyperbandBrackets _assignment;
    private readonly PromotingAsha[] _brackets;

    /// <summary>Creates the schedule for trials of <paramref name="maxEpochs"/> epochs.</summary>
    public PromotingHyperband(StudyDirection direction, int minEpochs, int reduction, int maxEpochs)
    {
        _assignment = new HyperbandBrackets(Math.Max(maxEpochs, minEpochs), minEpochs, reduction);
        _brackets = new PromotingAsha[_assignment.Count];
        var first = (long)minEpochs;
        for (var i = 0; i < _brackets.Length; i++)
        {
            // A first rung at or past the full epochs leaves the bracket without rungs (clamped so the product cannot overflow).
            _brackets[i] = new PromotingAsha(direction, (int)Math.Min(first, Math.Max(maxEpochs, minEpochs)), reduction, maxEpochs);
            first *= reduction;
        }
    }

    /// <summary>Each bracket's promotion schedule, from bracket 0 (the most aggressive).</summary>
    public IReadOnlyList<PromotingAsha> Brackets => _brackets;

    /// <summary>The bracket trial <paramref name="number"/> belongs to.</summary>
    public int BracketOf(int number) => _assignment.Of(number);

    /// <inheritdoc />
    public int? NextPause(int trial, int epochsDone) => _brackets[BracketOf(trial)].NextPause(epochsDone);

    /// <inheritdoc />
    public IReadOnlyList<int> RungsOf(int trial) => _brackets[BracketOf(trial)].Rungs;

    /// <summary>
    /// Each bracket's promotion over its own trials; of the brackets that have one, the trial paused at the highest epoch goes
    /// first (the highest rung first, as within a bracket), ties to the lower bracket.
    /// </summary>
    public int? Promotion(IReadOnlyList<RungStanding> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        int? chosen = null;
        var chosenEpoch = 0;
        foreach (var group in trials.GroupBy(t => BracketOf(t.Trial)).OrderBy(g => g.Key))
        {
            var bracket = _brackets[group.Key];
            if (bracket.Promotion([.. group]) is not { } number)
            {
                continue;
            }

            var epoch = bracket.Rungs[group.First(t => t.Trial == number).PausedAt!.Value];
            if (chosen is null || epoch > chosenEpoch)
            {
                chosen = number;
                chosenEpoch = epoch;
            }
        }

        return chosen;
    }
}
