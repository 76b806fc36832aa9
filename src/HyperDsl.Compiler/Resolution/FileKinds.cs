using System.Runtime.InteropServices;

namespace HyperDsl.Compiler.Resolution;

/// <summary>What a path names, as far as reading a spec from it is concerned.</summary>
internal enum FileKind
{
    /// <summary>Nothing is there.</summary>
    Missing,

    /// <summary>A regular file: the only kind a spec is read from.</summary>
    RegularFile,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A FIFO (named pipe): opening it for reading blocks until someone writes.</summary>
    Fifo,

    /// <summary>A character device such as <c>/dev/zero</c> or a terminal.</summary>
    CharacterDevice,

    /// <summary>A block device such as a disk.</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>
    /// A file of a kernel file system (<c>/proc</c>, <c>/sys</c>, ...): it says it is a regular
    /// file, but its content is made up when read, and reading may block (<c>/proc/kmsg</c>).
    /// </summary>
    PseudoFile,

    /// <summary>There is something, but it cannot be looked at (no permission on a folder on the way).</summary>
    Inaccessible,
}

/// <summary>
/// Tells what a path names without opening it, following symbolic links. Opening a FIFO
/// blocks, and .NET offers no way to tell a FIFO or a device from a file before opening it, so
/// on Linux this asks the kernel: <c>statx</c> (whose layout is the same on every
/// architecture) for the type and size, and <c>statfs</c> for the file system, because the
/// files of <c>/proc</c> and <c>/sys</c> say they are regular files. Elsewhere, or where
/// <c>statx</c> is not available, it can tell only files from folders, and readers rely on the
/// size checks made after opening.
/// </summary>
internal static partial class FileKinds
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint TypeAndSize = 0x0001 | 0x0200; // STATX_TYPE | STATX_SIZE
    private const int TypeMask = 0xF000; // S_IFMT

    private static bool _statxMissing;

    // The magic numbers of <linux/magic.h> for file systems whose files the kernel makes up.
    private static readonly HashSet<long> KernelFileSystems =
    [
        0x9FA0, // proc
        0x62656572, // sysfs
        0x64626720, // debugfs
        0x74726163, // tracefs
        0x73636673, // securityfs
        0x27E0EB, // cgroup
        0x63677270, // cgroup2
        0x62656570, // configfs
        0xCAFE4A11, // bpf
        0xDE5E81E4, // efivarfs
        0x6165676C, // pstore
        0x65735543, // fusectl
        0xF97CFF8C, // selinuxfs
        0x42494E4D, // binfmt_misc
    ];

    /// <summary>What <paramref name="path"/> names (after links), and its size when it is a regular file.</summary>
    public static (FileKind Kind, long Size) Probe(string path)
    {
        if (OperatingSystem.IsLinux() && !_statxMissing && TryStatx(path) is { } probed)
        {
            return probed;
        }

        return ProbeManaged(path);
    }

    private static (FileKind, long)? TryStatx(string path)
    {
        int result;
        StatxBuffer buffer;
        try
        {
            result = Statx(CurrentDirectory, path, 0, TypeAndSize, out buffer);
        }
        catch (Exception error) when (error is EntryPointNotFoundException or DllNotFoundException)
        {
            _statxMissing = true;
            return null;
        }

        if (result != 0)
        {
            return Marshal.GetLastPInvokeError() switch
            {
                2 or 20 => (FileKind.Missing, 0), // ENOENT, ENOTDIR
                13 => (FileKind.Inaccessible, 0), // EACCES

                // ENOSYS or EPERM (a kernel or sandbox without statx), ELOOP, ENAMETOOLONG...: .NET says it in its words.
                _ => null,
            };
        }

        var kind = (buffer.Mode & TypeMask) switch
        {
            0x8000 => FileKind.RegularFile,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Inaccessible,
        };
        if (kind == FileKind.RegularFile && IsOnKernelFileSystem(path))
        {
            kind = FileKind.PseudoFile;
        }

        return (kind, (long)Math.Min(buffer.Size, long.MaxValue));
    }

    /// <summary>Whether <paramref name="path"/> is on a file system the kernel makes up (<c>/proc</c>, <c>/sys</c>, ...); false where that cannot be told.</summary>
    public static bool IsKernelMade(string path) => OperatingSystem.IsLinux() && IsOnKernelFileSystem(path);

    // struct statfs starts with f_type, a long; only its width differs between architectures.
    private static bool IsOnKernelFileSystem(string path)
    {
        var buffer = new byte[256];
        try
        {
            if (StatFs(path, buffer) != 0)
            {
                return false;
            }
        }
        catch (Exception error) when (error is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }

        var type = Environment.Is64BitProcess ? BitConverter.ToInt64(buffer, 0) : BitConverter.ToInt32(buffer, 0);
        return KernelFileSystems.Contains(type & 0xFFFFFFFF);
    }

    private static (FileKind, long) ProbeManaged(string path)
    {
        if (Directory.Exists(path))
        {
            return (FileKind.Directory, 0);
        }

        var info = new FileInfo(path);
        return info.Exists ? (FileKind.RegularFile, info.Length) : (FileKind.Missing, 0);
    }

    [LibraryImport("libc", EntryPoint = "statfs", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatFs(string path, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    // struct statx from <linux/stat.h>: 256 bytes, the same on every architecture.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;
    }
}
