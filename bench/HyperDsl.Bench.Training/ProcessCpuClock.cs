using System.Runtime.InteropServices;

namespace HyperDsl.Bench.Training;

/// <summary>
/// The CPU time of the whole process (every thread: LibTorch's OpenMP workers, and .NET's GC and JIT threads too),
/// from <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>, as Python's <c>time.process_time()</c>. On cores other
/// processes share, the wall time of a phase includes the time its threads waited for a core; the CPU time does
/// not, so under passive OpenMP waiting (no spinning) it compares the work of the sides on a busy machine.
/// </summary>
internal static partial class ProcessCpuClock
{
    private const int ProcessCpuTimeId = 2;

    /// <summary>Nanoseconds of CPU time so far; 0 where there is no such clock (not Linux).</summary>
    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ProcessCpuTimeId, out var time) != 0)
        {
            return 0;
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
