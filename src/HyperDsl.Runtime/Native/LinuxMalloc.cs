using System.Runtime.InteropServices;

namespace HyperDsl.Runtime.Native;

/// <summary>
/// glibc's <c>mallopt</c>. By default glibc serves blocks over 128 KiB (a dynamic threshold
/// that caps at 32 MiB) with mmap and returns them to the OS on free; LibTorch allocates and
/// frees several such buffers per training step, so each step pays page faults and zeroing.
/// Fixing the thresholds keeps those buffers in the heap for reuse.
/// </summary>
internal static partial class LinuxMalloc
{
    private const int TrimThresholdOption = -1;
    private const int MmapThresholdOption = -3;

    /// <summary>Blocks up to this size come from the heap rather than from mmap.</summary>
    public const int MmapThresholdBytes = 32 * 1024 * 1024;

    /// <summary>Free memory at the top of the heap is returned to the OS only beyond this.</summary>
    public const int TrimThresholdBytes = 256 * 1024 * 1024;

    /// <summary>Applies both thresholds; false where there is no glibc (another OS, or musl).</summary>
    public static bool Tune()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MmapThresholdOption, MmapThresholdBytes) == 1 && Mallopt(TrimThresholdOption, TrimThresholdBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int option, int value);
}
