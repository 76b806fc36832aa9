using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Tests.Pruning;

/// <summary>What every pruner promises, run over each pruner on the same scripted study.</summary>
public class PrunerContractTests
{
    public static TheoryData<string> Pruners() => ["none", "median", "asha", "hyperband"];

    internal static IPruner Create(string name, StudyDirection direction) => name switch
    {
        "none" => new NopPruner(),
        "median" => new MedianPruner(direction, startupTrials: 2),
        "asha" => new SuccessiveHalvingPruner(direction, minResource: 1, reductionFactor: 2),
        _ => new HyperbandPruner(direction, maxResource: 8, minResource: 1, reductionFactor: 2),
    };

    internal static TrialRecord Curve(int number, TrialState state, params double[] values) =>
        new(number, new Dictionary<string, object>(), state, state == TrialState.Complete ? values[^1] : null)
        {
            Intermediate = values.Select((v, i) => (Step: i + 1, Value: v)).ToDictionary(p => p.Step, p => p.Value),
        };

    // Twelve trials of a loss curve, some finished, some pruned, some still running.
    private static List<TrialRecord> Study() =>
        [.. Enumerable.Range(0, 12).Select(n => Curve(
            n,
            n % 3 == 0 ? TrialState.Running : n % 3 == 1 ? TrialState.Complete : TrialState.Pruned,
            [.. Enumerable.Range(1, 1 + (n % 8)).Select(s => (1.0 + ((n * 7) % 5)) / s)]))];

    [Theory]
    [MemberData(nameof(Pruners))]
    public void A_trial_that_has_reported_nothing_is_never_pruned(string name)
    {
        Assert.False(Create(name, StudyDirection.Minimize).ShouldPrune(Curve(99, TrialState.Running), Study()));
    }

    [Theory]
    [MemberData(nameof(Pruners))]
    public void The_order_of_the_study_does_not_change_a_decision(string name)
    {
        var pruner = Create(name, StudyDirection.Minimize);
        var study = Study();
        var reversed = Enumerable.Reverse(study).ToList();

        foreach (var trial in study.Where(t => t.State == TrialState.Running))
        {
            var others = study.Where(t => t.Number != trial.Number).ToList();
            Assert.Equal(pruner.ShouldPrune(trial, others), pruner.ShouldPrune(trial, reversed.Where(t => t.Number != trial.Number).ToList()));
        }
    }

    [Theory]
    [MemberData(nameof(Pruners))]
    public void Maximizing_the_negated_values_gives_the_same_decisions(string name)
    {
        var study = Study();
        var negated = study.Select(t => t with
        {
            Value = -t.Value,
            Intermediate = t.Intermediate.ToDictionary(p => p.Key, p => -p.Value),
        }).ToList();

        for (var i = 0; i < study.Count; i++)
        {
            Assert.Equal(
                Create(name, StudyDirection.Minimize).ShouldPrune(study[i], study.Where(t => t.Number != i).ToList()),
                Create(name, StudyDirection.Maximize).ShouldPrune(negated[i], negated.Where(t => t.Number != i).ToList()));
        }
    }

    [Theory]
    [MemberData(nameof(Pruners))]
    public void The_scripted_study_prunes_something_unless_the_pruner_is_none(string name)
    {
        var study = Study();
        var pruned = study.Count(t => Create(name, StudyDirection.Minimize).ShouldPrune(t, study.Where(o => o.Number != t.Number).ToList()));

        if (name == "none")
        {
            Assert.Equal(0, pruned);
        }
        else
        {
            Assert.InRange(pruned, 1, study.Count - 1);
        }
    }

    // ---- promotion schedules (asha(promote: true), hyperband(promote: true)): they stop no trial, they choose which paused one goes on ----

    public static TheoryData<string> Promoters() => ["asha", "hyperband"];

    internal static IPromotionSchedule CreatePromoter(string name, StudyDirection direction) => name switch
    {
        "asha" => new PromotingAsha(direction, minEpochs: 1, reduction: 2, maxEpochs: 8),
        _ => new PromotingHyperband(direction, minEpochs: 1, reduction: 2, maxEpochs: 8),
    };

    // Thirty trials at their own rungs: each reached some of them (a loss curve), every third still runs, the others are paused at their last.
    private static List<RungStanding> Standings(IPromotionSchedule schedule) =>
        [.. Enumerable.Range(0, 30)
            .Where(n => schedule.RungsOf(n).Count > 0)
            .Select(n =>
            {
                var reached = 1 + ((n * 5) % schedule.RungsOf(n).Count);
                return new RungStanding(n, [.. Enumerable.Range(1, reached).Select(k => (1.0 + ((n * 7) % 11)) / k)], n % 3 == 0 ? null : reached - 1);
            })];

    [Theory]
    [MemberData(nameof(Promoters))]
    public void A_schedule_pauses_a_trial_at_each_of_its_rungs_and_at_nothing_else(string name)
    {
        var schedule = CreatePromoter(name, StudyDirection.Minimize);
        foreach (var trial in Enumerable.Range(0, 30))
        {
            var pauses = new List<int>();
            for (var done = 0; schedule.NextPause(trial, done) is { } next; done = next)
            {
                pauses.Add(next);
            }

            Assert.Equal(schedule.RungsOf(trial), pauses);
            Assert.All(pauses, epoch => Assert.InRange(epoch, 1, 7));
        }
    }

    [Theory]
    [MemberData(nameof(Promoters))]
    public void Nothing_is_promoted_while_no_trial_is_paused(string name)
    {
        var schedule = CreatePromoter(name, StudyDirection.Minimize);
        Assert.Null(schedule.Promotion([.. Standings(schedule).Select(t => t with { PausedAt = null })]));
        Assert.Null(schedule.Promotion([]));
    }

    [Theory]
    [MemberData(nameof(Promoters))]
    public void The_scripted_study_promotes_a_paused_trial(string name)
    {
        var schedule = CreatePromoter(name, StudyDirection.Minimize);
        var standings = Standings(schedule);

        var promoted = schedule.Promotion(standings);

        Assert.NotNull(promoted);
        Assert.NotNull(Assert.Single(standings, t => t.Trial == promoted).PausedAt);
    }

    [Theory]
    [MemberData(nameof(Promoters))]
    public void The_order_of_the_trials_does_not_change_the_promotion(string name)
    {
        var schedule = CreatePromoter(name, StudyDirection.Minimize);
        var standings = Standings(schedule);

        Assert.Equal(schedule.Promotion(standings), schedule.Promotion([.. Enumerable.Reverse(standings)]));
    }

    [Theory]
    [MemberData(nameof(Promoters))]
    public void Maximizing_the_negated_values_promotes_the_same_trial(string name)
    {
        var standings = Standings(CreatePromoter(name, StudyDirection.Minimize));
        var negated = standings.Select(t => t with { Values = [.. t.Values.Select(v => -v)] }).ToList();

        Assert.Equal(CreatePromoter(name, StudyDirection.Minimize).Promotion(standings), CreatePromoter(name, StudyDirection.Maximize).Promotion(negated));
    }

    [Theory]
    [MemberData(nameof(Promoters))]
    public void Promoting_the_chosen_trials_one_by_one_ends_with_none_left_to_promote(string name)
    {
        var schedule = CreatePromoter(name, StudyDirection.Minimize);
        var standings = Standings(schedule);
        for (var promotions = 0; schedule.Promotion(standings) is { } trial; promotions++)
        {
            // The promoted trial runs on: it is no longer paused (here it never reports again).
            Assert.True(promotions < standings.Count, "a trial was promoted twice");
            standings = [.. standings.Select(t => t.Trial == trial ? t with { PausedAt = null } : t)];
        }
    }
}
