using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Population;

namespace HyperDsl.Runtime.Tests.Studies.Population;

public sealed class PerturbingSuggestionsTests
{
    private static PerturbingSuggestions From(string name, object value, int seed, double resample = 0) =>
        new(new Dictionary<string, object> { [name] = value }, new NoDraws(), new Random(seed), resample);

    [Fact]
    public void A_float_is_multiplied_by_0_8_or_1_2_and_kept_within_its_bounds()
    {
        var moved = Enumerable.Range(0, 40).Select(seed => From("lr", 0.01, seed).SuggestFloat("lr", 1e-4, 0.011, log: true)).ToList();

        Assert.All(moved, v => Assert.True(Math.Abs(v - 0.008) < 1e-12 || v == 0.011, $"{v}"));
        Assert.Contains(moved, v => v == 0.011);
        Assert.Contains(moved, v => Math.Abs(v - 0.008) < 1e-12);
    }

    [Fact]
    public void A_float_with_a_step_lands_on_its_grid()
    {
        var moved = Enumerable.Range(0, 40).Select(seed => From("p", 0.5, seed).SuggestFloat("p", 0.0, 0.9, step: 0.1)).ToList();

        Assert.All(moved, v => Assert.Contains(v, new[] { 0.4, 0.6 }));
    }

    [Fact]
    public void An_int_moves_one_step_and_a_log_int_by_the_factor_but_at_least_one_step_within_its_bounds()
    {
        var linear = Enumerable.Range(0, 40).Select(seed => From("n", 6L, seed).SuggestInt("n", 2, 8, step: 2)).ToList();
        var logarithmic = Enumerable.Range(0, 40).Select(seed => From("n", 2L, seed).SuggestInt("n", 1, 64, log: true)).ToList();
        var atTop = Enumerable.Range(0, 40).Select(seed => From("n", 8L, seed).SuggestInt("n", 2, 9, step: 2)).ToList();

        Assert.Equal([4L, 8L], linear.Distinct().Order());
        Assert.Equal([1L, 3L], logarithmic.Distinct().Order());
        Assert.Equal([6L, 8L], atTop.Distinct().Order());
    }

    [Fact]
    public void A_choice_goes_to_a_neighbouring_choice()
    {
        var choices = new object[] { "a", "b", "c", "d" };
        var middle = Enumerable.Range(0, 40).Select(seed => From("c", "b", seed).SuggestCategorical("c", choices)).ToList();
        var end = Enumerable.Range(0, 40).Select(seed => From("c", "d", seed).SuggestCategorical("c", choices)).ToList();

        Assert.Equal(["a", "c"], middle.Distinct().Order());
        Assert.Equal(["c"], end.Distinct());
    }

    [Fact]
    public void With_the_resampling_probability_a_value_is_drawn_afresh()
    {
        var suggestions = new PerturbingSuggestions(new Dictionary<string, object> { ["lr"] = 0.01 }, new RandomSampler(3).StartTrial([], 0), new Random(1), resample: 1);

        var value = suggestions.SuggestFloat("lr", 0.5, 0.9);

        Assert.InRange(value, 0.5, 0.9);
    }

    // A parameter the donor has is never drawn afresh when resampling is off.
    private sealed class NoDraws : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) => throw new InvalidOperationException(name);

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) => throw new InvalidOperationException(name);

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) => throw new InvalidOperationException(name);
    }
}
