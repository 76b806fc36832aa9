using System.Collections.Concurrent;
using System.Diagnostics;

namespace HyperDsl.Fuzz;

/// <summary>What happened to one run under <see cref="LimitedRunner"/>.</summary>
/// <param name="Outcome">The probe's outcome when it completed.</param>
/// <param name="Error">The exception that escaped, if any.</param>
/// <param name="TimedOut">True when the run was still going at the time limit (the worker is then abandoned).</param>
/// <param name="Elapsed">Wall time, up to the limit.</param>
/// <param name="AllocatedBytes">Bytes allocated on the worker thread by this run (0 when it timed out).</param>
public sealed record LimitedRun(ProbeOutcome? Outcome, Exception? Error, bool TimedOut, TimeSpan Elapsed, long AllocatedBytes);

/// <summary>
/// Runs work on one background thread with a 1 MiB stack (smaller than a CLI's main thread, so
/// a depth limit that holds here holds there) and waits at most a time limit. A run past the
/// limit cannot be stopped in .NET: the thread is abandoned and the runner refuses further work,
/// which is fine because a hang ends the campaign.
/// </summary>
public sealed class LimitedRunner : IDisposable
{
    /// <summary>The worker's stack: .NET's default for secondary threads is larger, so this is the conservative case.</summary>
    public const int StackBytes = HyperDsl.TestKit.SmallStackThread.Bytes;

    private readonly BlockingCollection<(Func<ProbeOutcome> Work, TaskCompletionSource<LimitedRun> Done)> _queue = new();
    private readonly Thread _worker;
    private bool _abandoned;

    /// <summary>Starts the worker thread.</summary>
    public LimitedRunner()
    {
        _worker = new Thread(Loop, StackBytes) { IsBackground = true, Name = "HyperDsl fuzz worker" };
        _worker.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the worker and waits at most <paramref name="limit"/>.</summary>
    public LimitedRun Run(Func<ProbeOutcome> work, TimeSpan limit)
    {
        ObjectDisposedException.ThrowIf(_abandoned, this);
        var done = new TaskCompletionSource<LimitedRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        _queue.Add((work, done));
        if (done.Task.Wait(limit))
        {
            return done.Task.Result;
        }

        _abandoned = true;
        return new LimitedRun(null, null, TimedOut: true, clock.Elapsed, 0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _queue.CompleteAdding();

        // An abandoned worker may still be inside a run and will never take from the queue again; a live one ends once the queue is empty.
        if (!_abandoned)
        {
            _worker.Join();
            _queue.Dispose();
        }
    }

    private void Loop()
    {
        foreach (var (work, done) in _queue.GetConsumingEnumerable())
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            ProbeOutcome? outcome = null;
            Exception? error = null;
            try
            {
                outcome = work();
            }
            catch (Exception caught)
            {
                error = caught;
            }

            done.SetResult(new LimitedRun(outcome, error, TimedOut: false, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore));
        }
    }
}
