using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Tests.Search.Tpe;

public class MultiObjectiveTpeTests
{
    private static readonly StudyDirection[] BothMinimized = [StudyDirection.Minimize, StudyDirection.Minimize];

    // ZDT1 on three variables: the Pareto front is f2 = 1 - sqrt(f1), reached where y = z = 0.
    private static double[] Zdt1(ITrialSuggestions trial)
    {
        var x = trial.SuggestFloat("x", 0, 1);
        var g = 1 + (9 * (trial.SuggestFloat("y", 0, 1) + trial.SuggestFloat("z", 0, 1)) / 2);
        return [x, g * (1 - Math.Sqrt(x / g))];
    }

    private static double HypervolumeAfter(ISampler sampler, int trials)
    {
        var history = new List<TrialRecord>();
        for (var i = 0; i < trials; i++)
        {
            var recorder = new Recorder(sampler.StartTrial(history, i));
            var values = Zdt1(recorder);
            history.Add(new TrialRecord(i, recorder.Values, TrialState.Complete, values[0]) { Values = values });
        }

        return Hypervolume.Of(history.Select(t => t.Values!), reference: [1.1, 11]);
    }

    [Fact]
    public void Multi_objective_tpe_finds_a_larger_hypervolume_than_random_search_over_fixed_seeds()
    {
        var seeds = Enumerable.Range(1, 9).ToList();
        var tpe = seeds.Select(s => HypervolumeAfter(new TpeSampler(s, BothMinimized), 80)).Order().ToList();
        var random = seeds.Select(s => HypervolumeAfter(new RandomSampler(s), 80)).Order().ToList();

        Assert.True(tpe[4] > random[4], $"MOTPE median hypervolume {tpe[4]:F3} should exceed random's {random[4]:F3}.");
    }

    [Fact]
    public void The_good_set_of_several_objectives_comes_from_the_first_fronts()
    {
        TrialRecord Trial(int number, double a, double b) =>
            new(number, new Dictionary<string, object> { ["x"] = number / 10.0 }, TrialState.Complete, a) { Values = [a, b] };
        List<TrialRecord> trials = [Trial(0, 1, 1), Trial(1, 0, 3), Trial(2, 3, 0), Trial(3, 2, 2), Trial(4, 4, 4)];

        var ordered = ParetoRanking.Order(trials, BothMinimized);

        Assert.Equal([0, 1, 2], ordered.Take(3).Select(t => t.Number).Order());
        Assert.Equal([3, 4], ordered.Skip(3).Select(t => t.Number));
    }
}
