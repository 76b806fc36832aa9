using HyperDsl.Runtime.Native;

namespace HyperDsl.Runtime.Tests.Native;

public sealed class RunQueueTests
{
    [Fact]
    public void Procs_running_is_read_from_proc_stat()
    {
        const string Stat = "cpu  1 2 3 4\ncpu0 1 2 3 4\nctxt 99\nprocs_running 3\nprocs_blocked 1\n";

        Assert.Equal(3, RunQueue.ProcsRunning(Stat));
    }

    [Fact]
    public void A_stat_without_procs_running_gives_nothing()
    {
        Assert.Null(RunQueue.ProcsRunning("cpu  1 2 3 4\nprocs_blocked 1\n"));
    }

    [Fact]
    public void This_machine_reports_a_count()
    {
        Assert.InRange(RunQueue.OtherRunnableThreads(), 0, 100_000);
    }
}
