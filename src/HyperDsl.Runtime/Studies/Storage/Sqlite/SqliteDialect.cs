using System.Data.Common;
using Dapper;
using HyperDsl.Runtime.Studies.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace HyperDsl.Runtime.Studies.Storage.Sqlite;

/// <summary>SQLite's side of the relational store: one database-wide write lock, times as text.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const int SqliteConstraint = 19;

    public override string LockRows => "";

    public override string LockRowsSkipLocked => "";

    public override string NewStore => "the path of a new file";

    public override string ExistingStore => "of a study database";

    public override string? HeartbeatClock => null;

    public override IReadOnlyList<string> CreateOptunaTables => SqliteSchema.OptunaTables;

    public override IReadOnlyDictionary<string, string> CreateHyperDslTables => SqliteSchema.HyperDslTables;

    public override string OptunaUrl(string location) => "sqlite:///" + location;

    /// <summary>
    /// BEGIN IMMEDIATE: the write lock is taken up front, so a transaction that reads (a trial count,
    /// a waiting trial) and then writes never races another process doing the same.
    /// </summary>
    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    /// <summary>Nothing to do: <see cref="BeginWrite"/> holds the database's one write lock.</summary>
    public override void Serialize(DbConnection connection, DbTransaction transaction, string name)
    {
    }

    /// <summary>Optuna's enum columns are plain VARCHAR in SQLite.</summary>
    public override string Enum(string parameter, string type) => parameter;

    /// <summary>Dapper expands a list parameter into <c>(@p1, @p2, ...)</c>.</summary>
    public override string InList(string column, string parameter) => $"{column} IN {parameter}";

    public override object Time(DateTime local) => OptunaDateTime.Format(local);

    public override object HeartbeatTime(DateTime utc) => OptunaDateTime.FormatHeartbeat(utc);

    public override DateTime ReadTime(object value) => value switch
    {
        string text => OptunaDateTime.Parse(text),
        DateTime time => time,
        _ => throw new FormatException($"A time stored as {value.GetType().Name} ({value})."),
    };

    public override IReadOnlySet<string> Tables(DbConnection connection, DbTransaction? transaction) =>
        connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'", transaction: transaction).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// WAL lets readers (Optuna's dashboard, another worker's sampler) read while a trial is written.
    /// synchronous=NORMAL skips the fsync on each commit: a crash of the process loses nothing, and a
    /// power cut can lose the last commits but never corrupts the file (SQLite's documented WAL
    /// guarantee); without it each trial's dozen small commits would cost a dozen disk flushes. The
    /// switch to WAL changes the file, so it comes once the store has committed something (an Optuna
    /// database that a refused run only looked at keeps its journal mode); it needs the database to
    /// itself, and when another process keeps it busy past the busy timeout, the next operation tries again.
    /// </summary>
    public override bool PrepareForWrites(DbConnection connection)
    {
        try
        {
            if (!string.Equals(connection.ExecuteScalar<string>("PRAGMA journal_mode = WAL"), "wal", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            connection.Execute("PRAGMA synchronous = NORMAL");
            return true;
        }
        catch (SqliteException)
        {
            // Busy past the timeout, or a problem that the next write meets and reports.
            return false;
        }
    }

    /// <summary>Nothing to do: SQLite has no types of the database's own.</summary>
    public override void SchemaReady(DbConnection connection)
    {
    }

    public override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: 2067 or 1555 };

    /// <summary>A file has no connection to lose: SQLite's errors are final (a busy database was already waited for).</summary>
    public override bool IsTransient(DbException exception) => false;

    /// <summary>What to do when the file cannot be written; SQLite's other errors are explained where the file is opened (<see cref="SqliteFile.Explain"/>).</summary>
    public override string Advice(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteFile.ReadOnly or SqliteFile.NoPermission or SqliteFile.CannotOpen }
        ? " " + SqliteFile.WritableAdvice
        : "";
}
