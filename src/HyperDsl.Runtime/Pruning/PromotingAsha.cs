using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Where a trial stands in promotion-based ASHA: its value at each rung it reached (<see cref="Values"/>[k] at rung k's
/// epoch) and the rung it is paused at, waiting to be promoted (null while it runs on past its last rung, or once it has ended).
/// </summary>
public sealed record RungStanding(int Trial, IReadOnlyList<double> Values, int? PausedAt);

/// <summary>
/// Promotion-based asynchronous successive halving (Li et al. 2018, the promotion variant): trials train to rung
/// <c>r_k = minEpochs · reduction^k</c> and pause there; whenever a worker needs work it first promotes a paused trial
/// that is in the best <c>⌊n/reduction⌋</c> of the <c>n</c> trials that reached its rung (the highest such rung first),
/// resuming it to the next rung, and only else starts a new trial. A trial past the last rung trains to the full epochs.
/// Unlike <see cref="SuccessiveHalvingPruner"/>, which stops the trials that fall behind and lets the others run on, no
/// trial goes past a rung before the rung has enough trials to judge it.
/// </summary>
public sealed class PromotingAsha : IPromotionSchedule
{
    private readonly StudyDirection _direction;
    private readonly int _reduction;
    private readonly List<int> _rungs;

    /// <summary>Creates the schedule for trials of <paramref name="maxEpochs"/> epochs.</summary>
    public PromotingAsha(StudyDirection direction, int minEpochs, int reduction, int maxEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reduction, 2);
        _direction = direction;
        _reduction = reduction;
        var rungs = new List<int>();
        for (long epoch = minEpochs; epoch < maxEpochs; epoch *= reduction)
        {
            rungs.Add((int)epoch);
        }

        _rungs = rungs;
    }

    /// <summary>The epochs at which trials pause (every rung below the full epoch count), lowest first.</summary>
    public IReadOnlyList<int> Rungs => _rungs;

    /// <summary>The rung a run that has trained <paramref name="epochsDone"/> epochs pauses at next, or null when it trains to the end.</summary>
    public int? NextPause(int epochsDone) => Rungs.FirstOrDefault(r => r > epochsDone) is var rung and > 0 ? rung : null;

    /// <inheritdoc />
    int? IPauseSchedule.NextPause(int trial, int epochsDone) => NextPause(epochsDone);

    /// <inheritdoc />
    public IReadOnlyList<int> RungsOf(int trial) => _rungs;

    /// <summary>The index of the rung at <paramref name="epoch"/>, or null when no rung is there.</summary>
    public int? RungAt(int epoch) => _rungs.IndexOf(epoch) is var index and >= 0 ? index : null;

    /// <summary>
    /// The paused trial to promote now, or null when none may go on (then a new trial starts). Rungs are looked at from the
    /// highest down; in a rung, the trials ranked best first (a NaN value last; ties by the earlier trial), the best
    /// <c>⌊n/reduction⌋</c> of its <c>n</c> trials may go on, and the best of those still paused there is promoted.
    /// </summary>
    public int? Promotion(IReadOnlyList<RungStanding> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        for (var rung = Rungs.Count - 1; rung >= 0; rung--)
        {
            var k = rung;
            var reached = trials.Where(t => t.Values.Count > k).ToList();
            var top = reached.Count / _reduction;
            if (top == 0)
            {
                continue;
            }

            var promoted = reached
                .OrderBy(t => double.IsNaN(t.Values[k]) ? 1 : 0)
                .ThenBy(t => _direction == StudyDirection.Minimize ? t.Values[k] : -t.Values[k])
                .ThenBy(t => t.Trial)
                .Take(top)
                .FirstOrDefault(t => t.PausedAt == k);
            if (promoted is not null)
            {
                return promoted.Trial;
            }
        }

        return null;
    }
}
