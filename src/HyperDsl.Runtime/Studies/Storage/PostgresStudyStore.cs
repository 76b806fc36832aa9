using HyperDsl.Runtime.Studies.Storage.Postgres;
using HyperDsl.Runtime.Studies.Storage.Relational;
using Npgsql;

namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>
/// A study store in a PostgreSQL database, for many workers on many machines: Optuna 3.1 reads
/// and writes it as <c>postgresql://...</c>, in the tables it creates there itself (its enum types
/// included), and its workers and HyperDsl's may share a study.
/// </summary>
/// <remarks>
/// <para>
/// Concurrency: the first store to write to a new database creates the tables while holding an
/// advisory lock, so workers starting together create them once. A trial's number is the count of
/// its study's trials, taken while holding the study's row (<c>FOR UPDATE</c>), as Optuna does, so
/// no two trials share a number. A worker claims a queued trial with <c>FOR UPDATE SKIP LOCKED</c>:
/// two workers never get the same trial and never wait for each other. Heartbeats are written and
/// judged on the server's clock, so machines whose clocks disagree agree on which trials are stale;
/// trial start and end times are the worker's local time, naive, as Optuna writes them.
/// </para>
/// <para>
/// Lost connections: an operation that cannot reach the server, or whose connection is dropped, is
/// tried again on a new connection with exponential backoff until its <see cref="StoreRetryPolicy"/>
/// gives up (a minute by default), then throws a <see cref="StudyStoreException"/> saying how long
/// the database could not be reached. Reads, and writes cut off before their COMMIT (which the
/// server rolls back), are always tried again. A write cut off during its COMMIT may have been
/// recorded: it is tried again only where a second run changes nothing more (upserts of parameters,
/// values and attributes, heartbeats, ending a trial, failing stale trials, creating a study
/// version); creating a study or a trial, queueing a trial or claiming one throws instead, so that
/// nothing is ever recorded twice.
/// </para>
/// <para>A store is safe to share between threads of one process; it holds one connection.</para>
/// </remarks>
public sealed class PostgresStudyStore : RelationalStudyStore
{
    private PostgresStudyStore(NpgsqlConnection connection, string location, TimeProvider clock, StoreRetryPolicy retry)
        : base(connection, new PostgresDialect(), location, clock, retry)
    {
    }

    /// <summary>
    /// Opens the store in the database that <paramref name="url"/> names
    /// (<c>postgresql://user:password@host:port/database</c>; also <c>postgres://</c> and
    /// <c>postgresql+psycopg2://</c>); Optuna's and HyperDsl's tables, where the database lacks them,
    /// come with the first write (see <see cref="IStudyStore.Upgrade"/>).
    /// </summary>
    /// <exception cref="StudyStoreException">
    /// The URL is malformed; the server cannot be reached within the retry policy's time or refuses
    /// the user; the database is one of another program, or of an Optuna or HyperDsl schema this version
    /// does not read (it is left unchanged). Messages never hold the password.
    /// </exception>
    public static PostgresStudyStore Open(string url) => Open(url, TimeProvider.System, StoreRetryPolicy.Default);

    /// <summary>Opens the store with <paramref name="clock"/> for trial start and end times and <paramref name="retry"/> for lost connections.</summary>
    /// <inheritdoc cref="Open(string)"/>
    public static PostgresStudyStore Open(string url, TimeProvider clock, StoreRetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(retry);
        return StoreLocation.Parse(url) is PostgresLocation location
            ? Open(location, clock, retry)
            : throw new StudyStoreException($"'{StoreLocationParser.Redact(url)}' is not a PostgreSQL URL; give postgresql://user:password@host:port/database.");
    }

    /// <summary>Opens the store in the database <paramref name="location"/> names.</summary>
    internal static PostgresStudyStore Open(PostgresLocation location, TimeProvider clock, StoreRetryPolicy retry)
    {
        // Not opened here: the store opens it, and tries again while the server cannot be reached.
        var connection = new NpgsqlConnection(location.ConnectionString);
        try
        {
            return new PostgresStudyStore(connection, location.Display, clock, retry);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
