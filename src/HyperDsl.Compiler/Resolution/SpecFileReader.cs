using System.Globalization;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler.Resolution;

/// <summary>
/// Reads spec files from disk: the one reader behind the command line, the folders it
/// expands, <c>import</c> and the build tool. A spec is shared code that may be hostile, and
/// a path in it may name anything on the machine, so only what can be a spec is read:
/// <list type="bullet">
/// <item>a regular file, told apart before it is opened, so a FIFO, a device or a socket is
/// refused without blocking or reading forever;</item>
/// <item>of at most <see cref="MaxBytes"/> bytes, read in one bounded buffer (never more than
/// one byte past the size the file system gives), and whose content has exactly that size,
/// which the pseudo-files of <c>/proc</c> and <c>/sys</c> do not;</item>
/// <item>whose name ends in <c>.hyp</c> where the reader asks for it (imports, files found in
/// folders), and, behind a symbolic link, always: a link is followed only to a <c>.hyp</c>
/// file, so a shared repository cannot link a spec to a key or to <c>/proc/self/environ</c>.</item>
/// </list>
/// What is refused is said in words; the bytes of a refused file are never kept.
/// </summary>
public static class SpecFileReader
{
    /// <summary>The largest spec file read: 1 MiB, a hundred times the largest example.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The extension every imported spec, and every spec behind a link, has.</summary>
    public const string Extension = ".hyp";

    /// <summary>Reads the spec file at <paramref name="path"/>, or says why it was not read.</summary>
    public static SpecFileRead Read(string path, SpecFileNaming naming)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (PathProblem(path) is { } invalid)
        {
            return SpecFileRead.Refused(SpecFileProblem.InvalidPath, invalid);
        }

        if (naming == SpecFileNaming.HypExtension && !HasSpecExtension(path))
        {
            return SpecFileRead.Refused(SpecFileProblem.NotSpecFile, "it is not a .hyp file");
        }

        try
        {
            var target = path;
            if (new FileInfo(path).LinkTarget is not null)
            {
                var final = File.ResolveLinkTarget(path, returnFinalTarget: true);
                if (final is null || !HasSpecExtension(final.FullName))
                {
                    return SpecFileRead.Refused(SpecFileProblem.NotSpecFile,
                        $"it is a link to '{DiagnosticText.Escape(final?.FullName ?? "?")}', which is not a .hyp file; links are followed only to .hyp files");
                }

                target = final.FullName;
            }

            var (kind, size) = FileKinds.Probe(target);
            if (KindProblem(kind) is { } refusal)
            {
                return refusal;
            }

            if (size > MaxBytes)
            {
                return SpecFileRead.Refused(SpecFileProblem.TooLarge,
                    $"it is larger than 1 MiB ({size.ToString("N0", CultureInfo.InvariantCulture)} bytes), the most a spec file may have");
            }

            return ReadExactly(target, (int)size);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return SpecFileRead.Refused(SpecFileProblem.NotFound, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            return SpecFileRead.Refused(SpecFileProblem.Unreadable, "permission denied");
        }
        catch (Exception error) when (error is IOException or ArgumentException or NotSupportedException)
        {
            return SpecFileRead.Refused(SpecFileProblem.Unreadable, DiagnosticText.Excerpt(error.Message.TrimEnd('.')));
        }
    }

    /// <summary>True when the file name in <paramref name="path"/> ends in <see cref="Extension"/>.</summary>
    public static bool HasSpecExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetFileName(path.AsSpan()).EndsWith(Extension, StringComparison.Ordinal);
    }

    /// <summary>Why <paramref name="path"/> cannot name any file (empty, or a character no path can hold), or null.</summary>
    public static string? PathProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return "no file name given";
        }

        var bad = path.IndexOfAny(Path.GetInvalidPathChars());
        return bad < 0 ? null
            : path[bad] == '\0' ? "the path contains a NUL character"
            : $"the path contains '{DiagnosticText.Escape(path[bad].ToString())}', which no file name can hold";
    }

    private static SpecFileRead? KindProblem(FileKind kind) => kind switch
    {
        FileKind.RegularFile => null,
        FileKind.Missing => SpecFileRead.Refused(SpecFileProblem.NotFound, "no such file"),
        FileKind.Inaccessible => SpecFileRead.Refused(SpecFileProblem.Unreadable, "permission denied"),
        FileKind.Directory => SpecFileRead.Refused(SpecFileProblem.NotRegularFile, "it is a directory, not a regular file"),
        FileKind.Fifo => SpecFileRead.Refused(SpecFileProblem.NotRegularFile, "it is a FIFO (named pipe), not a regular file"),
        FileKind.CharacterDevice => SpecFileRead.Refused(SpecFileProblem.NotRegularFile, "it is a character device, not a regular file"),
        FileKind.BlockDevice => SpecFileRead.Refused(SpecFileProblem.NotRegularFile, "it is a block device, not a regular file"),
        FileKind.PseudoFile => SpecFileRead.Refused(SpecFileProblem.NotRegularFile, "it is a file the kernel makes up (as in /proc and /sys), not a regular file"),
        _ => SpecFileRead.Refused(SpecFileProblem.NotRegularFile, "it is a socket, not a regular file"),
    };

    // Reads one byte more than the size the file system gave: a pseudo-file (size 0 or 4096,
    // whatever it holds) or a device that slipped through shows by a different count, and
    // nothing can make this read more than MaxBytes + 1.
    private static SpecFileRead ReadExactly(string path, int size)
    {
        var buffer = new byte[size + 1];
        var total = 0;
        using (var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0 }))
        {
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }
        }

        if (total != size)
        {
            return SpecFileRead.Refused(SpecFileProblem.NotRegularFile,
                "its content does not have the size the file system gives for it, as with the pseudo-files of /proc and /sys or a file being written; it is not read");
        }

        Array.Resize(ref buffer, size);
        return SpecFileRead.Read(buffer);
    }
}

/// <summary>Which file names a <see cref="SpecFileReader"/> accepts.</summary>
public enum SpecFileNaming
{
    /// <summary>Any name: a file the user named on the command line or in a build.</summary>
    AnyName,

    /// <summary>Only names ending in <c>.hyp</c>: imports, and the files found in a folder.</summary>
    HypExtension,
}

/// <summary>Why a spec file was not read.</summary>
public enum SpecFileProblem
{
    /// <summary>It was read.</summary>
    None,

    /// <summary>The path names no file at all: empty, or with a NUL.</summary>
    InvalidPath,

    /// <summary>Nothing is there.</summary>
    NotFound,

    /// <summary>It is there but could not be read (permissions, an I/O error).</summary>
    Unreadable,

    /// <summary>Its name, or the name of the file a link leads to, does not end in <c>.hyp</c>.</summary>
    NotSpecFile,

    /// <summary>A directory, FIFO, device, socket or pseudo-file.</summary>
    NotRegularFile,

    /// <summary>Larger than <see cref="SpecFileReader.MaxBytes"/>.</summary>
    TooLarge,
}

/// <summary>The bytes of a spec file, or why it was not read (<see cref="Problem"/> and, in words, <see cref="Reason"/>).</summary>
public sealed record SpecFileRead
{
    private SpecFileRead(byte[]? bytes, SpecFileProblem problem, string? reason)
    {
        Bytes = bytes;
        Problem = problem;
        Reason = reason;
    }

    /// <summary>The file's bytes; null when it was refused.</summary>
    public byte[]? Bytes { get; }

    /// <summary>Why it was refused; <see cref="SpecFileProblem.None"/> when it was read.</summary>
    public SpecFileProblem Problem { get; }

    /// <summary>Why it was refused, as a clause that follows "cannot read 'path': "; null when it was read.</summary>
    public string? Reason { get; }

    /// <summary>A file that was read.</summary>
    public static SpecFileRead Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new(bytes, SpecFileProblem.None, null);
    }

    /// <summary>A file that was refused, and why.</summary>
    public static SpecFileRead Refused(SpecFileProblem problem, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return problem == SpecFileProblem.None ? throw new ArgumentOutOfRangeException(nameof(problem)) : new(null, problem, reason);
    }
}
