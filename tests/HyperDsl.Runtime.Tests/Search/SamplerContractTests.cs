using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.CmaEs;
using HyperDsl.Runtime.Search.Gp;
using HyperDsl.Runtime.Search.Nsga2;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Tests.Search;

/// <summary>What every sampler promises, run over each sampler on a finite conditional space.</summary>
public class SamplerContractTests
{
    // Shaped like a generated Sample method: momentum exists only for sgd.
    internal static Dictionary<string, object?> FiniteSpace(ITrialSuggestions trial)
    {
        var optimizer = trial.SuggestCategorical("optimizer", ["adam", "sgd"]);
        var momentum = optimizer == "sgd" ? (double?)trial.SuggestFloat("momentum", 0.8, 0.9, step: 0.05) : null;
        var depth = trial.SuggestInt("depth", 1, 3);
        var width = trial.SuggestCategorical<long>("width", [16, 32]);
        return new() { ["optimizer"] = optimizer, ["momentum"] = momentum, ["depth"] = depth, ["width"] = width };
    }

    // The same space as a generated SearchSpace describes it.
    internal static readonly ParameterSpace[] FiniteSpaceAsData =
    [
        new CategoricalSpace("optimizer", ["adam", "sgd"], null),
        new FloatSpace("momentum", 0.8, 0.9, false, 0.05, "optimizer == \"sgd\""),
        new IntSpace("depth", 1, 3, false, 1, null),
        new CategoricalSpace("width", [16L, 32L], null),
    ];

    public static TheoryData<string> Samplers() => ["random", "grid", "tpe", "tpe-multivariate", "sobol", "cmaes", "nsga2", "gp", "gp-two-objectives", "gp-three-objectives"];

    private static ISampler Create(string name, long seed) => name switch
    {
        "random" => new RandomSampler(seed),
        "sobol" => new SobolSampler(seed, ["optimizer", "momentum", "depth", "width"]),
        "tpe-multivariate" => new TpeSampler(seed, StudyDirection.Minimize, new TpeOptions(StartupTrials: 3, Multivariate: true), FiniteSpaceAsData),
        "tpe" => new TpeSampler(seed, StudyDirection.Minimize, new TpeOptions(StartupTrials: 3)),
        "cmaes" => new CmaEsSampler(seed, [StudyDirection.Minimize], new CmaEsOptions(Population: 4), FiniteSpaceAsData),
        "gp" => new GpSampler(seed, [StudyDirection.Minimize], new GpOptions(StartupTrials: 3), FiniteSpaceAsData),
        "gp-two-objectives" => new GpSampler(seed, [StudyDirection.Minimize, StudyDirection.Maximize], new GpOptions(StartupTrials: 3), FiniteSpaceAsData),
        "gp-three-objectives" => new GpSampler(seed, [StudyDirection.Minimize, StudyDirection.Maximize, StudyDirection.Minimize], new GpOptions(StartupTrials: 3), FiniteSpaceAsData),
        "nsga2" => new Nsga2Sampler(seed, [StudyDirection.Minimize], new Nsga2Options(Population: 4)),
        _ => new GridSampler(t => FiniteSpace(t)),
    };

    // How many objectives the named sampler's study has.
    private static int Objectives(string name) => name switch
    {
        "gp-two-objectives" => 2,
        "gp-three-objectives" => 3,
        _ => 1,
    };

    // A finished trial holding only the parameters that were active (the null ones were not asked);
    // with several objectives, each gets a value of its own that conflicts with the first.
    private static TrialRecord Finished(int number, Dictionary<string, object?> point, double? value = null, int objectives = 1) =>
        new(number, point.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!), TrialState.Complete, value)
        {
            Values = objectives > 1 && value is { } v ? [.. Enumerable.Range(0, objectives).Select(k => k % 2 == 0 ? v * (k + 1) : 10 - v)] : null,
        };

    private static List<Dictionary<string, object?>> Run(string name, long seed, int trials) => Run(Create(name, seed), trials, Objectives(name));

    private static List<Dictionary<string, object?>> Run(ISampler sampler, int trials, int objectives = 1)
    {
        var history = new List<TrialRecord>();
        var points = new List<Dictionary<string, object?>>();
        for (var i = 0; i < trials; i++)
        {
            var point = FiniteSpace(sampler.StartTrial(history, i));
            points.Add(point);
            history.Add(Finished(i, point, value: i, objectives));
        }

        return points;
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void Every_suggestion_lies_in_its_domain(string name)
    {
        foreach (var point in Run(name, 1, 15))
        {
            Assert.Contains(point["optimizer"], new object[] { "adam", "sgd" });
            Assert.InRange((long)point["depth"]!, 1, 3);
            Assert.Contains(point["width"], new object[] { 16L, 32L });
            if (point["momentum"] is double momentum)
            {
                Assert.Contains(momentum, new[] { 0.8, 0.85, 0.9 });
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void The_same_seed_and_history_give_the_same_suggestions(string name)
    {
        Assert.Equal(Run(name, 7, 10).Select(p => Describe(p)), Run(name, 7, 10).Select(p => Describe(p)));
    }

    [Fact]
    public void Different_seeds_give_different_random_points()
    {
        Assert.NotEqual(Run(new RandomSampler(1), 10).Select(p => Describe(p)), Run(new RandomSampler(2), 10).Select(p => Describe(p)));
    }

    [Fact]
    public void The_grid_lists_every_point_once_with_conditional_parameters_only_where_active()
    {
        var grid = new GridSampler(t => FiniteSpace(t));

        // adam: 3 depths x 2 widths; sgd: 3 momenta x 3 depths x 2 widths.
        Assert.Equal(6 + 18, grid.Points.Count);
        Assert.Equal(grid.Points.Count, grid.Points.Select(p => Describe(p)).Distinct().Count());
        Assert.All(grid.Points.Where(p => (string)p["optimizer"] == "adam"), p => Assert.False(p.ContainsKey("momentum")));
    }

    [Fact]
    public void The_grid_covers_every_point_exactly_once_across_a_resume()
    {
        var grid = new GridSampler(t => FiniteSpace(t));
        var first = Run(grid, 10);

        // A new process reads the ten finished trials and carries on.
        var history = first.Select((p, i) => Finished(i, p)).ToList();
        var rest = new List<Dictionary<string, object?>>();
        for (var i = 10; i < grid.Points.Count; i++)
        {
            var point = FiniteSpace(grid.StartTrial(history, i));
            rest.Add(point);
            history.Add(Finished(i, point));
        }

        Assert.Equal(grid.Points.Count, first.Concat(rest).Select(p => Describe(p)).Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => grid.StartTrial(history, grid.Points.Count));
    }

    [Fact]
    public void The_grid_refuses_a_continuous_parameter_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new GridSampler(t => t.SuggestFloat("lr", 1e-4, 1e-1, log: true)));

        Assert.Contains("'lr' is continuous", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_log_scale_draws_spread_evenly_over_the_orders_of_magnitude()
    {
        var sampler = new RandomSampler(3);
        var draws = Enumerable.Range(0, 2000).Select(i => sampler.StartTrial([], i).SuggestFloat("lr", 1e-4, 1e-1, log: true)).ToList();

        Assert.All(draws, d => Assert.InRange(d, 1e-4, 1e-1));
        // A third of the draws in each decade, give or take sampling noise.
        Assert.InRange(draws.Count(d => d < 1e-3) / 2000.0, 0.28, 0.39);
        Assert.InRange(draws.Count(d => d >= 1e-2) / 2000.0, 0.28, 0.39);
    }

    [Fact]
    public void Random_draws_are_the_same_in_every_process()
    {
        // Pinned values: a seed derived from a per-process salted hash would change them on every run.
        var draws = Enumerable.Range(0, 3).Select(i => new RandomSampler(42).StartTrial([], i).SuggestInt("depth", 0, 1_000_000)).ToList();

        Assert.Equal(new long[] { 218840, 942408, 504714 }, draws);
    }

    // Inactive parameters (null) are left out so a point reads the same however it was stored.
    private static string Describe<T>(IEnumerable<KeyValuePair<string, T>> point) =>
        string.Join(",", point.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
