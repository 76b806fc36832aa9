using System.Text;
using HyperDsl.TestKit;

namespace HyperDsl.Fuzz.Tests;

public sealed class FuzzCampaignTests : IDisposable
{
    private static readonly IReadOnlyList<FuzzInput> Seeds = SeedSpecs.Load(RepositoryPaths.Examples);
    private readonly string _failures = Path.Combine(Path.GetTempPath(), "hyperdsl-fuzz-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_failures, recursive: true);

    [Fact]
    public void A_campaign_over_the_examples_finds_nothing_and_leaves_nothing_behind()
    {
        var log = new StringWriter();
        var report = new FuzzCampaign(Settings(count: 60), Seeds, log).Run();
        Assert.Empty(report.Failures);
        Assert.Equal(Seeds.Count + 60, report.Tried);
        Assert.True(report.Outcomes[ProbeOutcome.Rejected] > 0, "no mutation was rejected: the mutator is too gentle");
        Assert.True(report.Outcomes[ProbeOutcome.Generated] + report.Outcomes[ProbeOutcome.Compiled] > 0, "no input reached the generator");
        Assert.Empty(Directory.EnumerateFiles(_failures));
    }

    [Fact]
    public void An_input_that_throws_is_saved_with_what_broke_and_how_it_was_made()
    {
        var log = new StringWriter();
        var report = new FuzzCampaign(Settings(count: 30), Seeds, log, input =>
            Encoding.UTF8.GetString(input.Bytes).Contains("relu", StringComparison.Ordinal) ? throw new InvalidOperationException("relu breaks") : ProbeOutcome.Rejected).Run();

        Assert.NotEmpty(report.Failures);
        var saved = Directory.EnumerateFiles(_failures, "*.hyp").Where(p => !p.EndsWith("current.hyp", StringComparison.Ordinal)).ToList();
        Assert.Equal(report.Failures.Count, saved.Count);
        Assert.Contains("relu", File.ReadAllText(saved[0]), StringComparison.Ordinal);
        var why = File.ReadAllText(Path.ChangeExtension(saved[0], ".txt"));
        Assert.Contains("InvalidOperationException: relu breaks", why, StringComparison.Ordinal);
        Assert.Contains("made from:", why, StringComparison.Ordinal);
        Assert.Contains("FAILED", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_that_hangs_ends_the_campaign_as_a_failure()
    {
        using var release = new ManualResetEventSlim();
        var report = new FuzzCampaign(Settings(count: 30) with { TimeLimit = TimeSpan.FromMilliseconds(300) }, Seeds, new StringWriter(), _ =>
        {
            release.Wait();
            return ProbeOutcome.Rejected;
        }).Run();
        release.Set();

        Assert.Equal(1, report.Tried);
        Assert.Contains("still running", Assert.Single(report.Failures), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_failures, "current.hyp")), "the hung input is left behind as current.hyp");
    }

    [Fact]
    public void An_input_that_allocates_past_the_limit_is_a_failure()
    {
        var report = new FuzzCampaign(Settings(count: 0) with { MaxAllocatedBytes = 1 << 20 }, Seeds.Take(1).ToList(), new StringWriter(), _ =>
        {
            GC.KeepAlive(new byte[4 << 20]);
            return ProbeOutcome.Rejected;
        }).Run();

        Assert.Contains("MiB", Assert.Single(report.Failures), StringComparison.Ordinal);
    }

    private FuzzSettings Settings(int count) => new(Seed: 5, count, TimeSpan.FromSeconds(30), 1L << 30, CompileBudget: 2, _failures);
}
