using System.Runtime.InteropServices;

namespace HyperDsl.Runtime.Native;

/// <summary>
/// Whether a path names a regular file, told by Linux's <c>statx</c> (following links) without
/// opening it: opening a FIFO, a terminal or some files of <c>/proc</c> blocks, and .NET's own
/// file APIs call a device or a FIFO a normal file.
/// </summary>
internal static partial class LinuxFileType
{
    private const int CurrentFolder = -100; // AT_FDCWD
    private const uint TypeAndMode = 0x1; // STATX_TYPE
    private const int ModeOffset = 28; // struct statx: stx_mask, stx_blksize, stx_attributes, stx_nlink, stx_uid, stx_gid, then stx_mode (the same on every architecture)
    private const int TypeBits = 0xF000; // S_IFMT
    private const int RegularFile = 0x8000; // S_IFREG

    /// <summary>True or false for an existing path; null where it cannot tell (not Linux, no statx, or no such path).</summary>
    public static bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var status = new byte[256];
        try
        {
            if (Statx(CurrentFolder, path, 0, TypeAndMode, status) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }

        return (BitConverter.ToUInt16(status, ModeOffset) & TypeBits) == RegularFile;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int folder, string path, int flags, uint mask, [Out] byte[] status);
}
