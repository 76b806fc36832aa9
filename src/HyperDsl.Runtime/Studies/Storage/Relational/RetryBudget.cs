using System.Diagnostics;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// The waits between attempts of one operation under a <see cref="StoreRetryPolicy"/>: exponential,
/// with jitter so that workers cut off together do not all come back in the same instant, and
/// never past the policy's limit. Measured on the monotonic clock, not on the store's (injected) clock.
/// </summary>
internal sealed class RetryBudget(StoreRetryPolicy policy)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan _next = policy.FirstDelay;

    /// <summary>How long the operation has been trying.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>How long to wait before the next attempt, or null when the limit leaves no room for one.</summary>
    public TimeSpan? NextDelay()
    {
        var left = policy.GiveUpAfter - Elapsed;
        if (left <= TimeSpan.Zero)
        {
            return null;
        }

        // Between half and all of the current step; the step doubles up to the policy's maximum.
        var delay = _next * (0.5 + (Random.Shared.NextDouble() / 2));
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, policy.MaxDelay.Ticks));
        return delay < left ? delay : left;
    }
}
