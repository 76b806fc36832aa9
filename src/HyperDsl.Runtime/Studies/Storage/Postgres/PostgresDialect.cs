using System.Data;
using System.Data.Common;
using Dapper;
using HyperDsl.Runtime.Studies.Storage.Relational;
using Npgsql;

namespace HyperDsl.Runtime.Studies.Storage.Postgres;

/// <summary>
/// PostgreSQL's side of the relational store: row locks instead of one database lock, advisory
/// locks where there is no row yet, Optuna's native enum types, and the server's clock for heartbeats.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    // The first key of HyperDsl's advisory locks ("HypD"), so that they do not collide with another program's.
    private const int AdvisoryLockSpace = 0x48797044;

    public override string NewStore => "a new, empty database";

    public override string ExistingStore => "a study database";

    public override string LockRows => " FOR UPDATE";

    public override string LockRowsSkipLocked => " FOR UPDATE SKIP LOCKED";

    /// <summary>
    /// The server's time as a TIMESTAMP WITHOUT TIME ZONE in the session's time zone: what Optuna
    /// writes (the column's default, CURRENT_TIMESTAMP, or <c>now()</c>) and compares with
    /// (<c>now()</c> without its zone), so that Optuna's workers and ours judge staleness alike.
    /// </summary>
    public override string HeartbeatClock => "LOCALTIMESTAMP";

    public override IReadOnlyList<string> CreateOptunaTables => PostgresSchema.OptunaTables;

    public override IReadOnlyDictionary<string, string> CreateHyperDslTables => PostgresSchema.HyperDslTables;

    public override string OptunaUrl(string location) => location;

    /// <summary>
    /// READ COMMITTED, as Optuna's sessions: each statement sees what was committed before it, so a
    /// transaction that waited for a study's row lock then counts the trials the last holder added.
    /// </summary>
    public override DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction(IsolationLevel.ReadCommitted);

    /// <summary>REPEATABLE READ: the several SELECTs that read trials see one snapshot.</summary>
    public override DbTransaction BeginRead(DbConnection connection) => connection.BeginTransaction(IsolationLevel.RepeatableRead);

    /// <summary>A transaction-level advisory lock: released by COMMIT or ROLLBACK, or by the server when the connection is lost.</summary>
    public override void Serialize(DbConnection connection, DbTransaction transaction, string name) =>
        connection.Execute("SELECT pg_advisory_xact_lock(@space, hashtext(@name))", new { space = AdvisoryLockSpace, name }, transaction);

    /// <summary>Npgsql sends strings as text, which PostgreSQL does not turn into an enum on its own.</summary>
    public override string Enum(string parameter, string type) => $"CAST({parameter} AS {type})";

    /// <summary>Dapper hands Npgsql a list as one array parameter.</summary>
    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    /// <summary>A naive local time, as Optuna writes <c>datetime.now()</c>: Npgsql sends an Unspecified DateTime as TIMESTAMP WITHOUT TIME ZONE.</summary>
    public override object Time(DateTime local) => DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

    /// <summary>Not used: heartbeats take <see cref="HeartbeatClock"/>.</summary>
    public override object HeartbeatTime(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);

    public override DateTime ReadTime(object value) => value is DateTime time
        ? DateTime.SpecifyKind(time, DateTimeKind.Unspecified)
        : throw new FormatException($"A time stored as {value.GetType().Name} ({value}).");

    /// <summary>The tables of the schema the connection works in (the first of its search path), as Optuna sees them.</summary>
    public override IReadOnlySet<string> Tables(DbConnection connection, DbTransaction? transaction) =>
        connection.Query<string>(
                "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
                "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()",
                transaction: transaction)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Nothing to set: a server database needs no per-connection settings.</summary>
    public override bool PrepareForWrites(DbConnection connection) => true;

    /// <summary>
    /// Npgsql learns the database's types when it first connects, which may be before Optuna's enum
    /// types were created (by this store or another worker); without them it cannot read those
    /// columns. Reloading the types is one catalog query, once per store.
    /// </summary>
    public override void SchemaReady(DbConnection connection) => ((NpgsqlConnection)connection).ReloadTypes();

    public override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsTransient(DbException exception) => PostgresFaults.IsTransient(exception);

    public override string Advice(DbException exception) => PostgresFaults.Advice(exception);
}
