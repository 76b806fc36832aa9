using System.Text;
using Microsoft.Data.Sqlite;

namespace HyperDsl.Runtime.Studies.Storage.Sqlite;

/// <summary>
/// The file side of opening a SQLite store: what can be told about a path before SQLite touches it
/// (so that a file of another kind is never written), and SQLite's errors about it in plain words.
/// </summary>
internal static class SqliteFile
{
    private const int SqliteNotADatabase = 26;
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Checks that <paramref name="path"/> is a SQLite database, an empty file or nothing yet, and creates its folder.</summary>
    public static void Prepare(string path)
    {
        if (Directory.Exists(path))
        {
            throw new StudyStoreException($"{path} is a folder; give the path of a study database file (for example {Path.Combine(path, "studies.db")}).");
        }

        if (File.Exists(path))
        {
            CheckHeader(path);
            return;
        }

        var folder = Path.GetDirectoryName(path);
        try
        {
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StudyStoreException($"Cannot create the folder {folder} for the study database {path}: {e.Message}. Give a path in a writable folder.", e);
        }
    }

    /// <summary>Turns an error from opening or preparing the database into what the user should do about it.</summary>
    public static StudyStoreException Explain(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteNotADatabase => new StudyStoreException($"{path} is not a SQLite database ({e.Message}). Give the path of a study database or of a new file. Nothing in it was changed.", e),
        // SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN
        3 or 8 or 14 => new StudyStoreException($"Cannot write the study database {path} ({e.Message}). Give a path in a writable folder, or make the file and its folder writable (SQLite also writes {Path.GetFileName(path)}-wal and -shm beside it).", e),
        // SQLITE_BUSY, SQLITE_LOCKED
        5 or 6 => new StudyStoreException($"The study database {path} stayed locked by another process for the whole wait ({e.Message}). Check for a stuck process using it.", e),
        _ => new StudyStoreException($"Cannot open the study database {path}: {e.Message}", e),
    };

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
