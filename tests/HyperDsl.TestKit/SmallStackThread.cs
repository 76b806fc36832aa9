namespace HyperDsl.TestKit;

/// <summary>
/// Runs work on a thread with a 1 MB stack, the smallest a host gives the checker, which is
/// where the depth limits say every stage must fit. A stack overflow cannot be caught, so this
/// is the only way a test can show it does not happen. A hang fails the test after the guard
/// (the thread is left to finish in the background).
/// </summary>
public static class SmallStackThread
{
    /// <summary>The stack size the limits are measured against.</summary>
    public const int Bytes = 1 << 20;

    /// <summary>The work's result; its exception, or a hang past <paramref name="guard"/>, fails the test.</summary>
    public static T Run<T>(Func<T> work, TimeSpan guard)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception error)
                {
                    failure = error;
                }
            },
            Bytes)
        {
            IsBackground = true,
        };
        thread.Start();
        if (!thread.Join(guard))
        {
            throw new Xunit.Sdk.XunitException($"The work did not finish within {guard.TotalSeconds} s (hang guard).");
        }

        return failure is null ? result : throw new Xunit.Sdk.XunitException($"The work threw {failure}");
    }
}
