using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Nsga2;
using HyperDsl.Runtime.Tests.Search.Tpe;

namespace HyperDsl.Runtime.Tests.Search;

public class Nsga2SamplerTests
{
    private static readonly StudyDirection[] BothMinimized = [StudyDirection.Minimize, StudyDirection.Minimize];

    // ZDT1 on ten variables: the Pareto front is f2 = 1 - sqrt(f1), reached where x1..x9 = 0.
    private static double[] Zdt1(ITrialSuggestions trial)
    {
        var x0 = trial.SuggestFloat("x0", 0, 1);
        var rest = Enumerable.Range(1, 9).Sum(i => trial.SuggestFloat($"x{i}", 0, 1));
        var g = 1 + (9 * rest / 9);
        return [x0, g * (1 - Math.Sqrt(x0 / g))];
    }

    // Runs a study of sequential trials; the objective gives the values, or null for a failed trial.
    private static List<TrialRecord> Study(ISampler sampler, int trials, Func<ITrialSuggestions, double[]?> objective, List<TrialRecord>? history = null)
    {
        history ??= [];
        for (var i = history.Count; i < trials; i++)
        {
            var recorder = new Recorder(sampler.StartTrial(history, i));
            var values = objective(recorder);
            history.Add(values is null
                ? new TrialRecord(i, recorder.Values, TrialState.Failed)
                : new TrialRecord(i, recorder.Values, TrialState.Complete, values[0]) { Values = values });
        }

        return history;
    }

    [Fact]
    public void On_zdt1_nsga2_reaches_a_larger_hypervolume_than_random_search_at_the_same_budget()
    {
        var seeds = Enumerable.Range(1, 5).ToList();
        double After(ISampler sampler) => Hypervolume.Of(Study(sampler, 400, Zdt1).Select(t => t.Values!), [1.1, 11]);
        var nsga2 = seeds.Select(s => After(new Nsga2Sampler(s, BothMinimized, new Nsga2Options(Population: 20)))).Order().ToList();
        var random = seeds.Select(s => After(new RandomSampler(s))).Order().ToList();

        Assert.True(nsga2[2] > random[2], $"NSGA-II's median hypervolume {nsga2[2]:F3} should exceed random's {random[2]:F3}.");
        Assert.True(nsga2[0] > random[2], $"NSGA-II's worst hypervolume {nsga2[0]:F3} should exceed random's median {random[2]:F3}.");
    }

    [Fact]
    public void Non_dominated_sorting_puts_each_point_in_its_front()
    {
        // (1,4) (2,2) (4,1) are the first front; (3,3) is dominated by (2,2) only; (4,4) by all of them and (3,3).
        double[][] points = [[1, 4], [3, 3], [2, 2], [4, 4], [4, 1]];

        var fronts = ParetoFronts.Sort(points);

        Assert.Equal(3, fronts.Count);
        Assert.Equal([0, 2, 4], fronts[0].Order());
        Assert.Equal([1], fronts[1]);
        Assert.Equal([3], fronts[2]);
    }

    [Fact]
    public void Crowding_distance_is_infinite_at_the_ends_and_sums_the_neighbour_gaps_inside()
    {
        // A front along f2 = 4 - f1 with uneven spacing: f1 = 0, 1, 3, 4 (both spans 4).
        double[][] points = [[0, 4], [1, 3], [3, 1], [4, 0]];

        var crowding = ParetoFronts.Crowding([0, 1, 2, 3], points);

        Assert.Equal(double.PositiveInfinity, crowding[0]);
        Assert.Equal(double.PositiveInfinity, crowding[3]);
        // Point 1: neighbours at f1 = 0 and 3 (gap 3 of 4), and at f2 = 4 and 1 (gap 3 of 4).
        Assert.Equal(1.5, crowding[1], 12);
        Assert.Equal(1.5, crowding[2], 12);
    }

    [Fact]
    public void The_parents_are_the_first_fronts_and_the_straddling_front_is_cut_by_crowding()
    {
        TrialRecord Trial(int number, double a, double b) =>
            new(number, new Dictionary<string, object> { ["x"] = (double)number }, TrialState.Complete, a) { Values = [a, b] };
        // Front 1: 0, 1, 2, 3; front 2: 4 (dominated by 2), and 5 started after the cut.
        List<TrialRecord> history = [Trial(0, 0, 10), Trial(1, 2, 8), Trial(2, 5, 5), Trial(3, 10, 0), Trial(4, 6, 6), Trial(5, 0, 0)];

        var parents = ParentPopulation.Select(history, before: 5, BothMinimized, size: 3)!;

        // The ends are infinitely far from their neighbours; 1 sits near the end 0 (crowding
        // 0.5 + 0.5 of the spans), 2 in the open middle (0.8 + 0.8), so 2 takes the last place.
        Assert.Equal([0, 3, 2], parents.Trials.Select(t => t.Number));
        Assert.Equal(5, ParentPopulation.Select(history, before: 5, BothMinimized, size: 10)!.Count);
    }

    [Fact]
    public void Failed_and_pruned_trials_rank_below_every_complete_one_and_lose_every_tournament()
    {
        var failed = new TrialRecord(0, new Dictionary<string, object> { ["x"] = 0.0 }, TrialState.Failed);
        var pruned = new TrialRecord(1, new Dictionary<string, object> { ["x"] = 1.0 }, TrialState.Pruned);
        var worst = new TrialRecord(2, new Dictionary<string, object> { ["x"] = 2.0 }, TrialState.Complete, 100.0);
        var running = new TrialRecord(3, new Dictionary<string, object> { ["x"] = 3.0 }, TrialState.Running);

        var parents = ParentPopulation.Select([failed, pruned, worst, running], before: 4, [StudyDirection.Minimize], size: 10)!;

        Assert.Equal([2, 0, 1], parents.Trials.Select(t => t.Number));
        var random = new Random(5);
        var winners = Enumerable.Range(0, 200).Select(_ => parents.Tournament(random)).ToList();
        // Whenever the complete trial is drawn it wins: it wins 1 - (2/3)^2 = 5/9 of the tournaments.
        Assert.InRange(winners.Count(t => t.Number == 2) / 200.0, 0.45, 0.66);
        // A study whose every trial failed still breeds (from the failures) rather than stopping.
        Assert.Equal(6, Study(new Nsga2Sampler(1, [StudyDirection.Minimize], new Nsga2Options(Population: 2)), 6, _ => null).Count);
    }

    [Fact]
    public void The_first_generation_is_random_whatever_the_history()
    {
        var sampler = new Nsga2Sampler(3, BothMinimized, new Nsga2Options(Population: 5));
        var random = new RandomSampler(0);
        var history = Study(random, 5, Zdt1);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(sampler.StartTrial([], i).SuggestFloat("x0", 0, 1), sampler.StartTrial(history, i).SuggestFloat("x0", 0, 1));
        }

        Assert.Equal(0, sampler.GenerationOf(4));
        Assert.Equal(1, sampler.GenerationOf(5));
    }

    [Fact]
    public void Without_mutation_a_child_takes_each_value_from_its_parents()
    {
        var sampler = new Nsga2Sampler(1, [StudyDirection.Minimize], new Nsga2Options(Population: 6, CrossoverProbability: 1, MutationProbability: 0));
        var history = Study(sampler, 36, t => [t.SuggestFloat("a", 0, 1) + t.SuggestInt("b", 0, 1000)]);
        var firstGeneration = history.Take(6).ToList();

        foreach (var child in history.Skip(6).Take(6))
        {
            Assert.Contains(child.Parameters["a"], firstGeneration.Select(t => t.Parameters["a"]));
            Assert.Contains(child.Parameters["b"], firstGeneration.Select(t => t.Parameters["b"]));
        }
    }

    [Theory]
    [InlineData(Nsga2Crossover.Uniform)]
    [InlineData(Nsga2Crossover.SimulatedBinary)]
    public void Children_keep_every_parameter_in_its_range_on_its_grid_and_scale(Nsga2Crossover crossover)
    {
        double[] Objective(ITrialSuggestions t)
        {
            var lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
            var width = t.SuggestInt("width", 8, 512, log: true);
            var depth = t.SuggestInt("depth", 2, 20, step: 2);
            var dropout = t.SuggestFloat("dropout", 0.0, 0.5, step: 0.1);
            var act = t.SuggestCategorical("act", ["relu", "gelu", "silu"]);
            return [Math.Abs(Math.Log10(lr) + 3) + (width / 512.0) + depth + dropout, act == "relu" ? 0 : 1];
        }

        var sampler = new Nsga2Sampler(4, BothMinimized, new Nsga2Options(Population: 8, MutationProbability: 0.1, Crossover: crossover));
        var history = Study(sampler, 80, Objective);

        Assert.All(history, t =>
        {
            Assert.InRange((double)t.Parameters["lr"], 1e-5, 1e-1);
            Assert.InRange((long)t.Parameters["width"], 8, 512);
            Assert.InRange((long)t.Parameters["depth"], 2, 20);
            Assert.Equal(0, (long)t.Parameters["depth"] % 2);
            var dropout = (double)t.Parameters["dropout"];
            Assert.Equal(Math.Round(dropout * 10) / 10, dropout, 12);
            Assert.InRange(dropout, 0, 0.5);
            Assert.Contains(t.Parameters["act"], new object[] { "relu", "gelu", "silu" });
        });
        // Evolution converges: the last generation's learning rates sit within a decade of 1e-3 more often than the first's.
        static int NearTarget(IEnumerable<TrialRecord> trials) => trials.Count(t => Math.Abs(Math.Log10((double)t.Parameters["lr"]) + 3) < 1);
        Assert.True(NearTarget(history.TakeLast(8)) > NearTarget(history.Take(8)), "the last generation should have more learning rates near 1e-3 than the random first");
    }

    [Fact]
    public void Simulated_binary_crossover_on_a_log_scale_spreads_children_in_orders_of_magnitude()
    {
        var random = new Random(2);
        // Parents 1e-4 and 1e-2, crossed in log space: the children centre on 1e-3 (the geometric mean), not 5e-3.
        var children = Enumerable.Range(0, 2000).Select(_ => Math.Exp(SimulatedBinaryCrossover.Child(random, Math.Log(1e-4), Math.Log(1e-2), Math.Log(1e-5), Math.Log(1e-1), eta: 2))).ToList();

        Assert.All(children, c => Assert.InRange(c, 1e-5, 1e-1));
        Assert.InRange(children.Count(c => c < 1e-3) / 2000.0, 0.4, 0.6);
    }

    [Fact]
    public void A_conditional_parameter_that_a_parent_lacks_is_drawn_at_random_when_the_child_activates_it()
    {
        // Every trial of the first generation uses adam, so none has 'momentum'; children that mutate to sgd need one.
        double[] Objective(ITrialSuggestions t)
        {
            var optimizer = t.SuggestCategorical("optimizer", ["adam", "sgd"]);
            var momentum = optimizer == "sgd" ? t.SuggestFloat("momentum", 0.5, 0.99) : 0;
            return [optimizer == "sgd" ? -momentum : 0];
        }

        var sampler = new Nsga2Sampler(2, [StudyDirection.Minimize], new Nsga2Options(Population: 4, MutationProbability: 0.5));
        var history = Enumerable.Range(0, 4).Select(i => new TrialRecord(i, new Dictionary<string, object> { ["optimizer"] = "adam" }, TrialState.Complete, 0.0)).ToList();
        history = Study(sampler, 40, Objective, history);

        var momenta = history.Where(t => t.Parameters.ContainsKey("momentum")).Select(t => (double)t.Parameters["momentum"]).ToList();
        Assert.NotEmpty(momenta);
        Assert.All(momenta, m => Assert.InRange(m, 0.5, 0.99));
        Assert.All(history.Where(t => (string)t.Parameters["optimizer"] == "adam"), t => Assert.False(t.Parameters.ContainsKey("momentum")));
    }

    [Fact]
    public void A_resumed_study_suggests_what_an_uninterrupted_one_would()
    {
        // Every seventh trial fails, so the parents also depend on how failures are ranked.
        double[]? Objective(ITrialSuggestions t)
        {
            var values = Zdt1(t);
            return values[0] * 7 % 1 < 0.1 ? null : values;
        }

        var uninterrupted = Study(new Nsga2Sampler(9, BothMinimized, new Nsga2Options(Population: 6)), 40, Objective);

        // A new process (a new sampler) reads the first 17 trials back and carries on.
        var resumed = Study(new Nsga2Sampler(9, BothMinimized, new Nsga2Options(Population: 6)), 40, Objective, [.. uninterrupted.Take(17)]);

        Assert.Contains(uninterrupted, t => t.State == TrialState.Failed);
        Assert.Equal(uninterrupted.Select(Describe), resumed.Select(Describe));
    }

    [Fact]
    public void A_parent_that_ends_late_is_seen_by_the_next_child_as_a_fresh_sampler_would_see_it()
    {
        // Two generations of four; trial 3 dominates every other trial, but was still running when trial 8 started.
        TrialRecord Trial(int number, double a, double b) =>
            new(number, new Dictionary<string, object> { ["x"] = number / 10.0 }, TrialState.Complete, a) { Values = [a, b] };
        List<TrialRecord> history = [.. Enumerable.Range(0, 8).Select(i => i == 3 ? Trial(3, 0, 0) : Trial(i, i, 8 - i))];
        List<TrialRecord> early = [.. history.Select(t => t.Number == 3 ? t with { State = TrialState.Running } : t)];
        var options = new Nsga2Options(Population: 4, CrossoverProbability: 0, MutationProbability: 0);
        var sampler = new Nsga2Sampler(7, BothMinimized, options);
        double X(ISampler s, List<TrialRecord> h, int number) => s.StartTrial(h, number).SuggestFloat("x", 0, 1);

        Assert.Equal(X(new Nsga2Sampler(7, BothMinimized, options), early, 8), X(sampler, early, 8));
        var children = Enumerable.Range(9, 3).Select(n => X(sampler, history, n)).ToList();
        Assert.Equal(Enumerable.Range(9, 3).Select(n => X(new Nsga2Sampler(7, BothMinimized, options), history, n)), children);
        // Copies of trial 3 (its tournaments always win): the children saw it end.
        Assert.Contains(0.3, children);
    }

    [Fact]
    public void The_options_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsga2Sampler(1, BothMinimized, new Nsga2Options(Population: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsga2Sampler(1, BothMinimized, new Nsga2Options(MutationProbability: 1.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsga2Sampler(1, [], null));
    }

    private static string Describe(TrialRecord trial) =>
        $"{trial.State}:" + string.Join(",", trial.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
