using System.Text;
using Microsoft.Data.Sqlite;

namespace HyperDsl.Runtime.Studies.Storage.Sqlite;

/// <summary>
/// The file side of opening a SQLite store: what can be told about a path before SQLite touches it
/// (so that a file of another kind is never written), and SQLite's errors about it in plain words.
/// </summary>
internal static class SqliteFile
{
    /// <summary>SQLite's SQLITE_PERM, SQLITE_READONLY and SQLITE_CANTOPEN: the file (or its folder) may not be written by this process.</summary>
    public const int NoPermission = 3;

    /// <inheritdoc cref="NoPermission"/>
    public const int ReadOnly = 8;

    /// <inheritdoc cref="NoPermission"/>
    public const int CannotOpen = 14;

    /// <summary>What to do about a database file this process may not write.</summary>
    public const string WritableAdvice =
        "Make the database file, and the folder it is in, writable for this user (SQLite also writes the -wal and -shm files beside it), or give a location that is.";

    private const int SqliteNotADatabase = 26;
    private static readonly string[] SpecialFolders = ["/proc/", "/sys/", "/dev/"];
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>
    /// Checks that <paramref name="path"/> is a SQLite database, an empty file or nothing yet, and
    /// creates its folder; returns the outermost folder it created (for <see cref="Undo"/>), or null.
    /// </summary>
    public static string? Prepare(string path)
    {
        if (Directory.Exists(path))
        {
            throw new StudyStoreException($"{path} is a folder; give the path of a study database file (for example {Path.Combine(path, "studies.db")}).");
        }

        CheckNotSpecial(path);
        if (File.Exists(path))
        {
            CheckHeader(path);
            return null;
        }

        var folder = Path.GetDirectoryName(path);
        string? outermost = null;
        for (var missing = folder; !string.IsNullOrEmpty(missing) && !Directory.Exists(missing); missing = Path.GetDirectoryName(missing))
        {
            outermost = missing;
        }

        try
        {
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            return outermost;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StudyStoreException($"Cannot create the folder {folder} for the study database {path}: {e.Message}. Give a path in a writable folder.", e);
        }
    }

    /// <summary>
    /// After a failed open, removes what opening created: the file when it did not exist before (it
    /// is then empty, or SQLite's alone), and the folders <see cref="Prepare"/> made, where still
    /// empty (another process may have started to use them meanwhile).
    /// </summary>
    public static void Undo(string path, bool existed, string? createdFolder)
    {
        foreach (var file in existed ? [] : new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            Remove(() => File.Delete(file));
        }

        for (var folder = Path.GetDirectoryName(path); createdFolder is not null && folder is not null && folder.Length >= createdFolder.Length; folder = Path.GetDirectoryName(folder))
        {
            if (!Remove(() => Directory.Delete(folder)))
            {
                break;
            }
        }

        // What cannot be removed (a folder another process has begun to use) stays; the error that made the open fail is the one to report.
        static bool Remove(Action delete)
        {
            try
            {
                delete();
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    /// <summary>Turns an error from opening or preparing the database into what the user should do about it.</summary>
    public static StudyStoreException Explain(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteNotADatabase => new StudyStoreException($"{path} is not a SQLite database ({e.Message}). Give the path of a study database or of a new file. Nothing in it was changed.", e),
        NoPermission or ReadOnly or CannotOpen => new StudyStoreException($"Cannot write the study database {path} ({e.Message}). Give a path in a writable folder, or make the file and its folder writable (SQLite also writes {Path.GetFileName(path)}-wal and -shm beside it).", e),
        // SQLITE_BUSY, SQLITE_LOCKED
        5 or 6 => new StudyStoreException($"The study database {path} stayed locked by another process for the whole wait ({e.Message}). Check for a stuck process using it.", e),
        _ => new StudyStoreException($"Cannot open the study database {path}: {e.Message}", e),
    };

    /// <summary>
    /// Refuses, before anything opens it, a path that is no place for a database: a device, FIFO or
    /// socket (reading one may block, and SQLite would write its journal beside it, in <c>/dev</c>),
    /// or a file of <c>/proc</c>, <c>/sys</c> or <c>/dev</c> (followed through a link).
    /// </summary>
    private static void CheckNotSpecial(string path)
    {
        var target = File.Exists(path) ? File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path : path;
        if (SpecialFolders.Any(f => target.StartsWith(f, StringComparison.Ordinal)) || Native.LinuxFileType.IsRegularFile(path) == false)
        {
            throw new StudyStoreException(
                $"{path} is not a regular file (it is a device, a pipe, or a file of /proc, /sys or /dev), so no study can be stored there. Give the path of a study database or of a new file.");
        }
    }

    private static void CheckHeader(string path)
    {
        var start = new byte[Header.Length];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StudyStoreException($"Cannot read the study database {path}: {e.Message}. Check its permissions.", e);
        }

        // An empty file is what SQLite itself makes of a new database before its first write.
        if (read > 0 && !start.AsSpan(0, read).SequenceEqual(Header))
        {
            throw new StudyStoreException($"{path} is not a SQLite database (it does not start with SQLite's header). Give the path of a study database or of a new file. Nothing in it was changed.");
        }
    }
}
