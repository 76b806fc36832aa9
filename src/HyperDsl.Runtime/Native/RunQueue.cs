using System.Globalization;

namespace HyperDsl.Runtime.Native;

/// <summary>
/// How many threads of other work are runnable right now, from Linux's <c>/proc/stat</c>
/// (<c>procs_running</c>: threads running or waiting for a core, this one included).
/// </summary>
internal static class RunQueue
{
    private const int Samples = 5;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The fewest runnable threads besides the caller over a few samples 10 ms apart (a busy
    /// process shows in each; a short burst does not); 0 where <c>/proc/stat</c> cannot be read.
    /// </summary>
    public static int OtherRunnableThreads()
    {
        var fewest = int.MaxValue;
        for (var i = 0; i < Samples; i++)
        {
            if (i > 0)
            {
                Thread.Sleep(Interval);
            }

            string text;
            try
            {
                text = File.ReadAllText("/proc/stat");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return 0;
            }

            fewest = Math.Min(fewest, ProcsRunning(text) is { } running ? running - 1 : 0);
        }

        return Math.Max(0, fewest);
    }

    /// <summary>The <c>procs_running</c> count of a <c>/proc/stat</c> text; null when absent.</summary>
    public static int? ProcsRunning(string stat)
    {
        foreach (var line in stat.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && fields[0] == "procs_running" && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var running))
            {
                return running;
            }
        }

        return null;
    }
}
