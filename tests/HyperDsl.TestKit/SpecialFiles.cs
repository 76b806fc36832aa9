using System.Diagnostics;

namespace HyperDsl.TestKit;

/// <summary>
/// Files that are not regular files (FIFOs), for tests that prove such files are refused
/// without blocking, and a guard that turns a hang into a failure.
/// </summary>
public static class SpecialFiles
{
    /// <summary>Creates a FIFO (named pipe) at <paramref name="path"/> with <c>mkfifo</c>.</summary>
    public static string MakeFifo(string path)
    {
        var start = new ProcessStartInfo("mkfifo") { RedirectStandardError = true };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Xunit.Assert.True(process.ExitCode == 0, $"mkfifo failed: {error}");
        return path;
    }

    /// <summary>
    /// Runs <paramref name="action"/> and fails if it takes longer than <paramref name="limit"/>
    /// (a hang guard, far above the time the action needs). A FIFO that blocked a reader is
    /// opened for writing and closed, so the blocked thread ends instead of leaking.
    /// </summary>
    public static T CompletesWithin<T>(TimeSpan limit, string? fifoToRelease, Func<T> action)
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (task.Wait(limit))
        {
            return task.Result;
        }

        if (fifoToRelease is not null)
        {
            // A writer lets a blocked open for reading return, and closing it gives the reader end of
            // file. Read-write, because on Linux that open never blocks, whatever the reader does.
            using var writer = new FileStream(fifoToRelease, FileMode.Open, FileAccess.ReadWrite);
        }

        throw new Xunit.Sdk.XunitException($"Did not finish within {limit.TotalSeconds} s (it blocked).");
    }
}
