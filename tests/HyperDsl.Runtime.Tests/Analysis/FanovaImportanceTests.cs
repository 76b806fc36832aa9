using HyperDsl.Runtime.Analysis;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Tests.Analysis;

public sealed class FanovaImportanceTests
{
    private static readonly IReadOnlyList<ParameterSpace> Space =
    [
        new FloatSpace("lr", 1e-4, 1e-1, Log: true, Step: null, Condition: null),
        new IntSpace("width", 8, 64, Log: false, Step: 1, Condition: null),
        new FloatSpace("noise", 0, 1, Log: false, Step: null, Condition: null),
    ];

    /// <summary>A study whose objective depends strongly on lr (on its log scale), weakly on width and not at all on noise.</summary>
    private static List<TrialRecord> Study(int count, int seed = 1)
    {
        var random = new Random(seed);
        var trials = new List<TrialRecord>();
        for (var n = 0; n < count; n++)
        {
            var u = random.NextDouble();
            var lr = Math.Exp(Math.Log(1e-4) + (u * (Math.Log(1e-1) - Math.Log(1e-4))));
            var width = (long)random.Next(8, 65);
            var noise = random.NextDouble();
            var value = (10 * u) + (0.06 * width);
            trials.Add(new TrialRecord(n, new Dictionary<string, object> { ["lr"] = lr, ["width"] = width, ["noise"] = noise }, TrialState.Complete, value));
        }

        return trials;
    }

    [Fact]
    public void A_strong_parameter_ranks_above_a_weak_one_and_a_parameter_without_effect_comes_last()
    {
        var ranking = FanovaImportance.Evaluate(Space, Study(60));

        Assert.True(ranking.Select(p => p.Name).SequenceEqual(["lr", "width", "noise"]), string.Join(", ", ranking));
        Assert.True(ranking[0].Share > 0.7, $"lr's share was {ranking[0].Share}");
        Assert.True(ranking[2].Share < 0.05, $"noise's share was {ranking[2].Share}");
        Assert.Equal(1.0, ranking.Sum(p => p.Share), 9);
    }

    [Fact]
    public void The_same_seed_gives_the_same_importances_and_another_seed_may_differ_only_slightly()
    {
        var trials = Study(40);
        var first = FanovaImportance.Evaluate(Space, trials, options: new FanovaOptions(Seed: 3));
        var again = FanovaImportance.Evaluate(Space, trials, options: new FanovaOptions(Seed: 3));
        var other = FanovaImportance.Evaluate(Space, trials, options: new FanovaOptions(Seed: 4));

        Assert.Equal(first, again);
        Assert.Equal(first[0].Name, other[0].Name);
    }

    [Fact]
    public void Only_complete_trials_with_a_finite_value_count()
    {
        var trials = Study(30);
        trials.Add(new TrialRecord(30, trials[0].Parameters, TrialState.Pruned, 1000));
        trials.Add(new TrialRecord(31, trials[0].Parameters, TrialState.Complete, double.NaN));
        trials.Add(new TrialRecord(32, trials[0].Parameters, TrialState.Failed));

        Assert.Equal(30, FanovaImportance.UsableCount(trials));
        Assert.Equal(FanovaImportance.Evaluate(Space, Study(30)), FanovaImportance.Evaluate(Space, trials));
    }

    [Fact]
    public void Fewer_than_two_complete_trials_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FanovaImportance.Evaluate(Space, Study(1)));
        Assert.Contains("at least 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_values_everywhere_give_every_parameter_zero()
    {
        var trials = Study(10).Select(t => t with { Value = 1.0 }).ToList();

        Assert.All(FanovaImportance.Evaluate(Space, trials), p => Assert.Equal(0.0, p.Share));
    }

    [Fact]
    public void A_categorical_parameter_that_decides_the_objective_ranks_first()
    {
        IReadOnlyList<ParameterSpace> space =
        [
            new CategoricalSpace("optimizer", ["sgd", "adam", "rmsprop"], Condition: null),
            new FloatSpace("dropout", 0, 0.5, Log: false, Step: null, Condition: null),
        ];
        var random = new Random(5);
        var trials = Enumerable.Range(0, 45).Select(n =>
        {
            var optimizer = (string)((CategoricalSpace)space[0]).Choices[n % 3];
            var dropout = random.NextDouble() * 0.5;
            var value = (optimizer == "adam" ? 0.9 : 0.5) + (0.01 * dropout);
            return new TrialRecord(n, new Dictionary<string, object> { ["optimizer"] = optimizer, ["dropout"] = dropout }, TrialState.Complete, value);
        }).ToList();

        var ranking = FanovaImportance.Evaluate(space, trials);

        Assert.Equal("optimizer", ranking[0].Name);
        Assert.True(ranking[0].Share > 0.9, $"optimizer's share was {ranking[0].Share}");
    }

    [Fact]
    public void Not_using_a_conditional_parameter_is_one_of_its_levels()
    {
        // momentum exists only with sgd; whether it is used (not its value) decides the objective.
        IReadOnlyList<ParameterSpace> space =
        [
            new FloatSpace("momentum", 0.5, 0.99, Log: false, Step: null, Condition: "optimizer == sgd"),
            new FloatSpace("noise", 0, 1, Log: false, Step: null, Condition: null),
        ];
        var random = new Random(7);
        var trials = Enumerable.Range(0, 40).Select(n =>
        {
            var parameters = new Dictionary<string, object> { ["noise"] = random.NextDouble() };
            if (n % 2 == 0)
            {
                parameters["momentum"] = 0.5 + (random.NextDouble() * 0.49);
            }

            return new TrialRecord(n, parameters, TrialState.Complete, n % 2 == 0 ? 1.0 : 0.0);
        }).ToList();

        var ranking = FanovaImportance.Evaluate(space, trials);

        Assert.Equal("momentum", ranking[0].Name);
        Assert.True(ranking[0].Share > 0.9, $"momentum's share was {ranking[0].Share}");
    }

    [Fact]
    public void Each_objective_of_a_study_with_several_is_judged_on_its_own()
    {
        var trials = Study(40).Select(t => t with
        {
            Values = [t.Value!.Value, 5 * (double)t.Parameters["noise"]],
        }).ToList();

        Assert.Equal("lr", FanovaImportance.Evaluate(Space, trials, objective: 0)[0].Name);
        Assert.Equal("noise", FanovaImportance.Evaluate(Space, trials, objective: 1)[0].Name);
    }

    [Fact]
    public void A_value_of_another_kind_from_an_earlier_spec_counts_as_not_using_the_parameter()
    {
        var trials = Study(30);
        trials.Add(new TrialRecord(30, new Dictionary<string, object> { ["lr"] = "fast", ["width"] = 8L, ["noise"] = 0.5 }, TrialState.Complete, 3.0));

        var ranking = FanovaImportance.Evaluate(Space, trials);

        Assert.Equal("lr", ranking[0].Name);
    }
}
