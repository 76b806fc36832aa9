using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HyperDsl.Runtime.Tests;

/// <summary>
/// Memory in use by the process: bytes that glibc's malloc has handed out and not had back
/// (LibTorch's tensors), plus the managed heap after a full collection. Unlike the resident
/// set, this does not count memory that malloc keeps for reuse (the runtime's malloc tuning
/// keeps up to 256 MiB of it on purpose), so growth here means something was not freed.
/// </summary>
internal static partial class ProcessMemory
{
    public static (long InUseBytes, long ResidentBytes) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var native = OperatingSystem.IsLinux() ? NativeInUse() : 0;
        using var process = Process.GetCurrentProcess();
        return (managed + native, process.WorkingSet64);
    }

    private static long NativeInUse()
    {
        var info = MallInfo2();

        // Allocated from the heap (uordblks) plus blocks served by mmap (hblkhd).
        return (long)(info.Uordblks + info.Hblkhd);
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallocInfo MallInfo2();

    [StructLayout(LayoutKind.Sequential)]
    private struct MallocInfo
    {
        public nuint Arena;
        public nuint Ordblks;
        public nuint Smblks;
        public nuint Hblks;
        public nuint Hblkhd;
        public nuint Usmblks;
        public nuint Fsmblks;
        public nuint Uordblks;
        public nuint Fordblks;
        public nuint Keepcost;
    }
}
