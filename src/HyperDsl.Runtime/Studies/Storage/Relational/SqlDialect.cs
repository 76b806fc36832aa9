using System.Data.Common;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// What differs between the databases a <see cref="RelationalStudyStore"/> runs on. The SQL itself
/// is shared: SQLite and PostgreSQL both take <c>INSERT ... ON CONFLICT (...) DO UPDATE</c> and
/// <c>RETURNING</c>, so what is left is locking, time columns, table creation and error codes.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The Optuna storage URL of <paramref name="location"/>, for messages that suggest Optuna's CLI.</summary>
    public abstract string OptunaUrl(string location);

    /// <summary>
    /// Starts a transaction that may write. Its writes must not interleave with another writer's
    /// reads and writes of the rows it locks (see <see cref="LockRows"/>).
    /// </summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Starts a transaction that only reads, seeing one snapshot throughout.</summary>
    public abstract DbTransaction BeginRead(DbConnection connection);

    /// <summary>
    /// Appended to a SELECT of the rows a write transaction depends on (a study, its waiting trials)
    /// to lock them until it ends (PostgreSQL's <c>FOR UPDATE</c>); empty where
    /// <see cref="BeginWrite"/> already holds the database's single write lock.
    /// </summary>
    public abstract string LockRows { get; }

    /// <summary>A DATETIME parameter for a trial's start or end (local time).</summary>
    public abstract object Time(DateTime local);

    /// <summary>A DATETIME parameter for a heartbeat (UTC).</summary>
    public abstract object HeartbeatTime(DateTime utc);

    /// <summary>A DATETIME column's value.</summary>
    public abstract DateTime ReadTime(object value);

    /// <summary>The names of the database's tables.</summary>
    public abstract IReadOnlySet<string> Tables(DbConnection connection, DbTransaction? transaction);

    /// <summary>The statements that create Optuna's tables, exactly as Optuna 3.1 creates them on this database.</summary>
    public abstract IReadOnlyList<string> CreateOptunaTables { get; }

    /// <summary>The statements that create HyperDsl's own tables, by table name.</summary>
    public abstract IReadOnlyDictionary<string, string> CreateHyperDslTables { get; }

    /// <summary>Makes the connection ready to write, once the database is known to be one the store may change.</summary>
    public abstract void PrepareForWrites(DbConnection connection);

    /// <summary>Whether the error is a UNIQUE or PRIMARY KEY violation.</summary>
    public abstract bool IsUniqueViolation(DbException exception);
}
