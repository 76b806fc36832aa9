using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.CmaEs;

namespace HyperDsl.Runtime.Tests.Search;

/// <summary>CMA-ES: it optimizes, stays on each parameter's grid, rebuilds itself from the history alone, and restarts.</summary>
public class CmaEsSamplerTests
{
    private static readonly ParameterSpace[] Plane =
    [
        new FloatSpace("x", -5, 5, false, null, null),
        new FloatSpace("y", -5, 5, false, null, null),
        new FloatSpace("z", -5, 5, false, null, null),
    ];

    // An ill-conditioned quadratic with its minimum (0) off-centre, at (1.3, -2.1, 0.7).
    private static (Dictionary<string, object> Point, double Value) Ellipsoid(ITrialSuggestions trial)
    {
        var x = trial.SuggestFloat("x", -5, 5);
        var y = trial.SuggestFloat("y", -5, 5);
        var z = trial.SuggestFloat("z", -5, 5);
        var value = Math.Pow(x - 1.3, 2) + (10 * Math.Pow(y + 2.1, 2)) + (100 * Math.Pow(z - 0.7, 2)) + (5 * (x - 1.3) * (y + 2.1));
        return (new() { ["x"] = x, ["y"] = y, ["z"] = z }, value);
    }

    private static List<TrialRecord> Run(ISampler sampler, int trials, Func<ITrialSuggestions, (Dictionary<string, object> Point, double Value)> objective, List<TrialRecord>? start = null)
    {
        var history = start ?? [];
        for (var i = history.Count; i < trials; i++)
        {
            var (point, value) = objective(sampler.StartTrial(history, i));
            history.Add(new TrialRecord(i, point, TrialState.Complete, value));
        }

        return history;
    }

    private static CmaEsSampler Sampler(long seed, IReadOnlyList<ParameterSpace> space, CmaEsOptions? options = null) =>
        new(seed, [StudyDirection.Minimize], options, space);

    [Fact]
    public void It_finds_a_quadratics_minimum_far_better_than_random_search_with_the_same_budget()
    {
        var seeds = Enumerable.Range(1, 5).ToList();
        var cmaes = seeds.Select(s => Run(Sampler(s, Plane), 200, Ellipsoid).Min(t => t.Value!.Value)).ToList();
        var random = seeds.Select(s => Run(new RandomSampler(s), 200, Ellipsoid).Min(t => t.Value!.Value)).ToList();

        Assert.True(cmaes.Average() * 20 < random.Average(), $"cmaes {cmaes.Average():G3}, random {random.Average():G3}");
        Assert.All(cmaes, best => Assert.True(best < 0.5, $"cmaes best {best:G3}"));
    }

    [Fact]
    public void It_maximizes_when_told_to()
    {
        var sampler = new CmaEsSampler(3, [StudyDirection.Maximize], null, Plane);
        var history = Run(sampler, 200, t => Ellipsoid(t) is var e ? (e.Point, -e.Value) : default);

        Assert.True(history.Max(t => t.Value!.Value) > -0.1, $"best {history.Max(t => t.Value!.Value):G3}");
    }

    [Fact]
    public void Int_step_and_log_suggestions_stay_on_their_grid_and_in_range()
    {
        ParameterSpace[] space =
        [
            new IntSpace("width", 1, 1000, true, 1, null),
            new IntSpace("depth", 2, 20, false, 3, null),
            new FloatSpace("dropout", 0, 0.5, false, 0.1, null),
            new FloatSpace("lr", 1e-5, 1e-1, true, null, null),
        ];
        var history = Run(Sampler(5, space), 80, t =>
        {
            var width = t.SuggestInt("width", 1, 1000, log: true);
            var depth = t.SuggestInt("depth", 2, 20, step: 3);
            var dropout = t.SuggestFloat("dropout", 0, 0.5, step: 0.1);
            var lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);

            // Best at the edges: the search presses against the bounds.
            return (new() { ["width"] = width, ["depth"] = depth, ["dropout"] = dropout, ["lr"] = lr }, -Math.Log(width) - depth - dropout + Math.Log(lr));
        });

        Assert.All(history, t =>
        {
            Assert.InRange((long)t.Parameters["width"], 1, 1000);
            Assert.Contains((long)t.Parameters["depth"], new long[] { 2, 5, 8, 11, 14, 17, 20 });
            Assert.Contains((double)t.Parameters["dropout"], new[] { 0, 0.1, 0.2, 0.3, 0.4, 0.5 });
            Assert.InRange((double)t.Parameters["lr"], 1e-5, 1e-1);
        });
        var last = history.TakeLast(20).ToList();
        Assert.True(last.Count(t => (long)t.Parameters["depth"] == 20) >= 10, "the search should reach the upper end of depth");
        Assert.True(last.Average(t => Math.Log10((double)t.Parameters["lr"])) < -4, "the search should move down the log scale of lr");
    }

    [Fact]
    public void A_new_sampler_given_the_history_continues_exactly_as_the_first_would_have()
    {
        var continuing = Run(Sampler(11, Plane), 40, Ellipsoid);

        // A new process reads the first 23 trials (mid-generation) and carries on.
        var resumed = Run(Sampler(11, Plane), 40, Ellipsoid, [.. continuing.Take(23)]);

        Assert.Equal(continuing.Select(t => ((double)t.Parameters["x"], (double)t.Parameters["y"])), resumed.Select(t => ((double)t.Parameters["x"], (double)t.Parameters["y"])));
    }

    [Fact]
    public void Different_seeds_give_different_searches()
    {
        Assert.NotEqual(Run(Sampler(1, Plane), 5, Ellipsoid)[0].Parameters["x"], Run(Sampler(2, Plane), 5, Ellipsoid)[0].Parameters["x"]);
    }

    [Fact]
    public void A_full_generation_moves_the_distribution_and_a_running_trial_does_not()
    {
        var sampler = Sampler(2, Plane, new CmaEsOptions(Population: 6));
        var history = Run(sampler, 5, Ellipsoid);
        history.Add(new TrialRecord(5, new Dictionary<string, object> { ["x"] = 5.0, ["y"] = 5.0, ["z"] = 5.0 }, TrialState.Running));

        Assert.Equal(0, sampler.Replay(history).Generation);
        history[5] = history[5] with { State = TrialState.Complete, Value = 1000 };
        var told = sampler.Replay(history);
        Assert.Equal(1, told.Generation);
        Assert.NotEqual([0.5, 0.5, 0.5], told.Mean);
    }

    [Theory]
    [InlineData(TrialState.Failed)]
    [InlineData(TrialState.Pruned)]
    public void A_failed_or_pruned_trial_ranks_below_every_complete_one(TrialState state)
    {
        ParameterSpace[] line = [new FloatSpace("x", 0, 1, false, null, null)];
        var sampler = Sampler(1, line, new CmaEsOptions(Population: 4));
        static TrialRecord At(int number, double x, double value) => new(number, new Dictionary<string, object> { ["x"] = x }, TrialState.Complete, value);

        // Trial 0 at x = 0.95 reported the best value on the way, but did not complete.
        List<TrialRecord> history = [At(0, 0.95, 0.0) with { State = state, Value = null, Intermediate = new Dictionary<int, double> { [0] = -1.0 } }, At(1, 0.1, 3), At(2, 0.2, 2), At(3, 0.3, 1)];
        var completed = history.Select(t => t.Number == 0 ? At(0, 0.95, 0.0) : t).ToList();

        // Only the better half (two of four) moves the mean: 0.3 and 0.2 without trial 0, 0.95 and 0.3 with it.
        Assert.True(sampler.Replay(history).Mean[0] < 0.5, $"mean {sampler.Replay(history).Mean[0]}");
        Assert.True(sampler.Replay(completed).Mean[0] > 0.5, $"mean {sampler.Replay(completed).Mean[0]}");
    }

    [Fact]
    public void On_a_plateau_it_restarts_with_twice_the_population_as_often_as_allowed()
    {
        static (Dictionary<string, object>, double) Flat(ITrialSuggestions t) => (Ellipsoid(t).Point, 1.0);

        var restarting = Sampler(4, Plane, new CmaEsOptions(Restarts: 2));
        var state = restarting.Replay(Run(restarting, 200, Flat));
        var staying = Sampler(4, Plane);
        var stayed = staying.Replay(Run(staying, 200, Flat));

        Assert.Equal(2, state.Restart);
        Assert.Equal(4 * new CmaEsOptions().PopulationFor(3), state.Lambda);
        Assert.Equal(0, stayed.Restart);
    }

    [Fact]
    public void When_the_step_size_collapses_onto_the_minimum_it_restarts_elsewhere()
    {
        ParameterSpace[] line = [new FloatSpace("x", -1, 1, false, null, null)];
        static (Dictionary<string, object>, double) Sphere(ITrialSuggestions t) => t.SuggestFloat("x", -1, 1) is var x ? (new() { ["x"] = x }, x * x) : default;

        var sampler = Sampler(6, line, new CmaEsOptions(Restarts: 1));
        var history = Run(sampler, 500, Sphere);

        var state = sampler.Replay(history);
        Assert.Equal(1, state.Restart);
        Assert.True(history.Min(t => t.Value!.Value) < 1e-12);
    }

    [Fact]
    public void Warm_started_trials_centre_the_first_generation_on_their_best_tenth()
    {
        var warm = Enumerable.Range(0, 40).Select(i =>
        {
            var x = -5 + (i * 0.25);
            return new TrialRecord(i, new Dictionary<string, object> { ["x"] = x, ["y"] = 2.0, ["z"] = -1.0 }, TrialState.Complete, Math.Abs(x - 3)) { WarmStarted = true };
        }).ToList();

        var warmed = Sampler(8, Plane).Replay(warm);
        var ignoring = Sampler(8, Plane, new CmaEsOptions(WarmStart: false)).Replay(warm);

        // The best tenth: x = 3, 2.75, 3.25 and 2.5 (tied with 3.5, earlier trial first), y = 2, z = -1: (0.7875, 0.7, 0.4) normalised.
        Assert.Equal([0.7875, 0.7, 0.4], warmed.Mean.Select(m => Math.Round(m, 9)));
        Assert.True(warmed.Sigma < CmaEsOptions.DefaultSigma, $"sigma {warmed.Sigma}");
        Assert.Equal(0, warmed.Generation);
        Assert.Equal([0.5, 0.5, 0.5], ignoring.Mean);
        Assert.Equal(CmaEsOptions.DefaultSigma, ignoring.Sigma);
    }

    [Fact]
    public void Categorical_and_conditional_parameters_are_left_to_independent_draws()
    {
        ParameterSpace[] space =
        [
            new CategoricalSpace("optimizer", ["adam", "sgd"], null),
            new FloatSpace("momentum", 0.8, 0.99, false, null, "optimizer == \"sgd\""),
            new FloatSpace("lr", 1e-4, 1e-1, true, null, null),
            new IntSpace("depth", 1, 4, false, 1, null),
        ];

        var sampler = Sampler(1, space);

        Assert.Equal(["lr", "depth"], sampler.Modelled);
        Assert.Contains(sampler.StartTrial([], 0).SuggestCategorical("optimizer", ["adam", "sgd"]), new[] { "adam", "sgd" });
    }

    [Fact]
    public void It_refuses_a_study_with_several_objectives()
    {
        var error = Assert.Throws<ArgumentException>(() => new CmaEsSampler(1, [StudyDirection.Minimize, StudyDirection.Maximize], null, Plane));

        Assert.Contains("one objective", error.Message, StringComparison.Ordinal);
    }
}
