using System.Data.Common;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// What differs between the databases a <see cref="RelationalStudyStore"/> runs on. The SQL itself
/// is shared: SQLite and PostgreSQL both take <c>INSERT ... ON CONFLICT (...) DO UPDATE</c> and
/// <c>RETURNING</c>, so what is left is locking, time columns, Optuna's enum columns, list
/// parameters, table creation, error codes and which errors are worth retrying.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The Optuna storage URL of <paramref name="location"/>, for messages that suggest Optuna's CLI.</summary>
    public abstract string OptunaUrl(string location);

    /// <summary>What to give instead of a store that is refused, as in "give ..." ("the path of a new file").</summary>
    public abstract string NewStore { get; }

    /// <summary>An existing store the user could give instead, after "or" ("of a study database").</summary>
    public abstract string ExistingStore { get; }

    /// <summary>
    /// Starts a transaction that may write. Its writes must not interleave with another writer's
    /// reads and writes of the rows it locks (see <see cref="LockRows"/>).
    /// </summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Starts a transaction that only reads, seeing one snapshot throughout.</summary>
    public abstract DbTransaction BeginRead(DbConnection connection);

    /// <summary>
    /// Appended to a SELECT of the rows a write transaction depends on (a study, a trial) to lock
    /// them until it ends (PostgreSQL's <c>FOR UPDATE</c>); empty where <see cref="BeginWrite"/>
    /// already holds the database's single write lock.
    /// </summary>
    public abstract string LockRows { get; }

    /// <summary>
    /// Like <see cref="LockRows"/>, but rows another transaction has locked are passed over instead
    /// of waited for (<c>FOR UPDATE SKIP LOCKED</c>), so that workers claiming queued trials never
    /// wait for each other and never get the same one.
    /// </summary>
    public abstract string LockRowsSkipLocked { get; }

    /// <summary>
    /// Makes the rest of a write transaction wait for any other that asked for the same
    /// <paramref name="name"/> (for work that has no row to lock yet, such as creating the tables
    /// or the next version of a study). A no-op where <see cref="BeginWrite"/> already serializes writers.
    /// </summary>
    public abstract void Serialize(DbConnection connection, DbTransaction transaction, string name);

    /// <summary>A parameter written to one of Optuna's enum columns (<paramref name="type"/> names the column's type).</summary>
    public abstract string Enum(string parameter, string type);

    /// <summary>The condition "<paramref name="column"/> is one of the list parameter <paramref name="parameter"/>".</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>A DATETIME parameter for a trial's start or end (local time).</summary>
    public abstract object Time(DateTime local);

    /// <summary>
    /// SQL for the time a heartbeat records, read from the database server's clock so that every
    /// machine judges staleness by one clock; null where heartbeats take the store's clock through
    /// <see cref="HeartbeatTime"/>.
    /// </summary>
    public abstract string? HeartbeatClock { get; }

    /// <summary>A DATETIME parameter for a heartbeat (UTC), where <see cref="HeartbeatClock"/> is null.</summary>
    public abstract object HeartbeatTime(DateTime utc);

    /// <summary>A DATETIME column's value.</summary>
    public abstract DateTime ReadTime(object value);

    /// <summary>The names of the database's tables.</summary>
    public abstract IReadOnlySet<string> Tables(DbConnection connection, DbTransaction? transaction);

    /// <summary>The statements that create Optuna's tables, exactly as Optuna 3.1 creates them on this database.</summary>
    public abstract IReadOnlyList<string> CreateOptunaTables { get; }

    /// <summary>The statements that create HyperDsl's own tables, by table name.</summary>
    public abstract IReadOnlyDictionary<string, string> CreateHyperDslTables { get; }

    /// <summary>
    /// Sets the connection (and the database) up for the store's writes, once the store has
    /// committed something (a run that commits nothing leaves the database as it was). Returns
    /// false when that could not be done now; it is tried again before the next operation. Never
    /// throws: it follows a commit, which stands whatever happens here.
    /// </summary>
    public abstract bool PrepareForWrites(DbConnection connection);

    /// <summary>Makes the connection ready for the tables, once they exist (its first use of them may come before anyone created them).</summary>
    public abstract void SchemaReady(DbConnection connection);

    /// <summary>Whether the error is a UNIQUE or PRIMARY KEY violation.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// Whether the error says the database could not be reached or the connection was lost (the
    /// transaction it was in did not commit), so that the same work may be tried again on a new connection.
    /// </summary>
    public abstract bool IsTransient(DbException exception);

    /// <summary>What the user can do about <paramref name="exception"/>, to append to its message, or empty.</summary>
    public abstract string Advice(DbException exception);
}
