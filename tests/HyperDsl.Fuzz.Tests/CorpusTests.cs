using HyperDsl.TestKit;

namespace HyperDsl.Fuzz.Tests;

/// <summary>Every input the fuzzer or a person found troublesome, kept in tests/HyperDsl.Fuzz/Corpus, goes through the whole pipeline within the limits.</summary>
public class CorpusTests
{
    private static readonly string Corpus = Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Fuzz", "Corpus");

    public static TheoryData<string> Files() => new(SeedSpecs.Load(Corpus).Select(s => Path.GetFileName(s.DisplayPath)));

    [Theory]
    [MemberData(nameof(Files))]
    public void A_corpus_spec_is_checked_within_the_limits_without_breaking_a_promise(string name)
    {
        var input = SeedSpecs.Load(Corpus).Single(s => Path.GetFileName(s.DisplayPath) == name);
        var probe = new PipelineProbe(compileBudget: 1);
        using var runner = new LimitedRunner();
        var run = runner.Run(() => probe.Run(input), TimeSpan.FromSeconds(20));

        Assert.False(run.TimedOut, $"{name} was still being checked after 20 s");
        Assert.Null(run.Error);
        Assert.True(run.AllocatedBytes < 1L << 30, $"{name} allocated {run.AllocatedBytes >> 20} MiB");
    }

    [Fact]
    public void Each_corpus_file_says_on_its_first_line_what_it_tries()
    {
        foreach (var input in SeedSpecs.Load(Corpus))
        {
            Assert.StartsWith("// ", System.Text.Encoding.UTF8.GetString(input.Bytes), StringComparison.Ordinal);
        }
    }
}
