using System.Text;
using HyperDsl.TestKit;

namespace HyperDsl.Fuzz.Tests;

public class SpecMutatorTests
{
    private static readonly IReadOnlyList<FuzzInput> Seeds = SeedSpecs.Load(RepositoryPaths.Examples);

    [Fact]
    public void The_same_seed_gives_the_same_inputs()
    {
        var first = new SpecMutator(42, Seeds);
        var second = new SpecMutator(42, Seeds);
        for (var i = 0; i < 200; i++)
        {
            var (a, b) = (first.Next(), second.Next());
            Assert.Equal(a.Origin, b.Origin);
            Assert.Equal(a.Bytes, b.Bytes);
        }
    }

    [Fact]
    public void Different_seeds_give_different_inputs()
    {
        var first = new SpecMutator(1, Seeds);
        var second = new SpecMutator(2, Seeds);
        var same = Enumerable.Range(0, 50).Count(_ => first.Next().Bytes.AsSpan().SequenceEqual(second.Next().Bytes));
        Assert.True(same < 5, $"{same} of 50 inputs were the same under different seeds");
    }

    [Fact]
    public void Nearly_every_input_differs_from_its_seed_spec()
    {
        var mutator = new SpecMutator(3, Seeds);
        var unchanged = Enumerable.Range(0, 500).Select(_ => mutator.Next()).Count(input => Seeds.Any(s => s.Bytes.AsSpan().SequenceEqual(input.Bytes)));
        Assert.True(unchanged < 25, $"{unchanged} of 500 inputs were a seed spec unchanged");
    }

    [Fact]
    public void Inputs_reach_line_terminators_hostile_imports_and_deep_chains()
    {
        var mutator = new SpecMutator(4, Seeds);
        var texts = Enumerable.Range(0, 3_000).Select(_ => Encoding.UTF8.GetString(mutator.Next().Bytes)).ToList();
        Assert.Contains(texts, t => t.Contains('\u2028', StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("import \"/proc/", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(string.Concat(Enumerable.Repeat(" + 1", 1_000)), StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(string.Concat(Enumerable.Repeat("for i in 0 ..< 2 { ", 8)), StringComparison.Ordinal));
    }

    [Fact]
    public void A_mutator_without_seed_specs_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SpecMutator(1, []));
    }
}
