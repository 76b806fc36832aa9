using HyperDsl.Runtime.Studies.Storage.Relational;
using HyperDsl.Runtime.Studies.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>
/// A study store in a SQLite file, readable by Optuna as <c>sqlite:///path</c>. Several processes
/// may use one file at once (the file is in WAL mode; each write takes SQLite's write lock up
/// front and waits up to a minute for it), and threads of one process may share one instance.
/// As in Optuna, a finished trial never changes (its parameters, values, intermediate values and
/// attributes included), so each instance caches finished trials and <see cref="RelationalStudyStore.Trials"/> only
/// reads the trials that are new or still running or waiting. Commits are not flushed to disk one
/// by one (WAL with <c>synchronous=NORMAL</c>): a crashed process loses nothing, a power cut may
/// lose the last trials' updates but never corrupts the file.
/// </summary>
public sealed class SqliteStudyStore : RelationalStudyStore
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(60);
    private SqliteStudyStore(SqliteConnection connection, string path, TimeProvider clock)
        : base(connection, new SqliteDialect(), path, clock, StoreRetryPolicy.None)
    {
    }

    /// <summary>
    /// Opens the store in <paramref name="path"/>, creating an empty file (and its folder) if there is
    /// none; the tables come with the first write (see <see cref="IStudyStore.Upgrade"/>). What a failed
    /// open created, it removes.
    /// </summary>
    /// <exception cref="StudyStoreException">
    /// The path is not a SQLite database, is a database of another program or of an Optuna or
    /// HyperDsl schema this version does not read (such a file is left unchanged), or cannot be written.
    /// </exception>
    public static SqliteStudyStore Open(string path) => Open(path, TimeProvider.System);

    /// <summary>Opens the store in <paramref name="path"/> with <paramref name="clock"/> for start, end and heartbeat times.</summary>
    /// <inheritdoc cref="Open(string)"/>
    public static SqliteStudyStore Open(string path, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(clock);
        var fullPath = Path.GetFullPath(path);
        var existed = File.Exists(fullPath);
        var createdFolder = SqliteFile.Prepare(fullPath);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
            // The store keeps its one connection; a pooled one would keep the file open after Dispose.
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}";
                command.ExecuteNonQuery();
            }

            // A file is never out of reach for a while, so there is nothing to wait for: no retries.
            return new SqliteStudyStore(connection, fullPath, clock);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            SqliteFile.Undo(fullPath, existed, createdFolder);
            throw SqliteFile.Explain(fullPath, e);
        }
        catch (StudyStoreException e) when (e.InnerException is SqliteException inner)
        {
            connection.Dispose();
            SqliteFile.Undo(fullPath, existed, createdFolder);
            throw SqliteFile.Explain(fullPath, inner);
        }
        catch
        {
            connection.Dispose();
            SqliteFile.Undo(fullPath, existed, createdFolder);
            throw;
        }
    }
}
