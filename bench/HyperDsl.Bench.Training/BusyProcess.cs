using System.Diagnostics;

namespace HyperDsl.Bench.Training;

/// <summary>
/// One competing CPU-bound process, as another user's job on shared cores would be: a shell
/// busy loop, pinned to no core, killed on dispose.
/// </summary>
internal sealed class BusyProcess : IDisposable
{
    private readonly Process _process;

    private BusyProcess(Process process) => _process = process;

    public static BusyProcess Start()
    {
        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "while :; do :; done" } };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the busy process (/bin/sh).");

        // Let it reach the run queue before the side starts (and before the runtime looks at the load).
        Thread.Sleep(200);
        return new BusyProcess(process);
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
