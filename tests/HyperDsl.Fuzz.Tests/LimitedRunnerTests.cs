namespace HyperDsl.Fuzz.Tests;

public class LimitedRunnerTests
{
    [Fact]
    public void A_run_that_completes_reports_its_outcome()
    {
        using var runner = new LimitedRunner();
        var run = runner.Run(() => ProbeOutcome.Generated, TimeSpan.FromSeconds(10));
        Assert.Equal(ProbeOutcome.Generated, run.Outcome);
        Assert.False(run.TimedOut);
        Assert.Null(run.Error);
    }

    [Fact]
    public void An_exception_is_caught_and_reported()
    {
        using var runner = new LimitedRunner();
        var run = runner.Run(() => throw new InvalidOperationException("boom"), TimeSpan.FromSeconds(10));
        Assert.IsType<InvalidOperationException>(run.Error);
        Assert.Null(run.Outcome);
    }

    [Fact]
    public void A_run_past_the_limit_is_reported_as_timed_out_and_ends_the_runner()
    {
        using var release = new ManualResetEventSlim();
        var runner = new LimitedRunner();
        var run = runner.Run(() =>
        {
            release.Wait();
            return ProbeOutcome.Rejected;
        }, TimeSpan.FromMilliseconds(200));
        Assert.True(run.TimedOut);
        Assert.Throws<ObjectDisposedException>(() => runner.Run(() => ProbeOutcome.Rejected, TimeSpan.FromSeconds(1)));
        release.Set();
    }

    [Fact]
    public void Allocations_of_a_run_are_measured()
    {
        using var runner = new LimitedRunner();
        var run = runner.Run(() =>
        {
            var blocks = Enumerable.Range(0, 64).Select(_ => new byte[1 << 20]).ToList();
            GC.KeepAlive(blocks);
            return ProbeOutcome.Rejected;
        }, TimeSpan.FromSeconds(10));
        Assert.InRange(run.AllocatedBytes, 64L << 20, 128L << 20);
    }

    [Fact]
    public void The_worker_has_the_small_stack_that_depth_limits_must_fit()
    {
        using var runner = new LimitedRunner();
        var depthReached = 0;
        var run = runner.Run(() =>
        {
            depthReached = DepthUntilInsufficientStack(0);
            return ProbeOutcome.Rejected;
        }, TimeSpan.FromSeconds(10));
        Assert.Null(run.Error);
        Assert.InRange(depthReached, 1, 100_000);
    }

    // Each frame holds a few hundred bytes, so a 1 MiB stack runs out in the thousands.
    private static int DepthUntilInsufficientStack(int depth)
    {
        Span<byte> frame = stackalloc byte[256];
        frame[0] = (byte)depth;
        return System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack() ? DepthUntilInsufficientStack(depth + 1) + frame[0] * 0 : depth;
    }
}
