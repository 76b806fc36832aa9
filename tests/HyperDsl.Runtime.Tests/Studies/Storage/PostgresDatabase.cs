using System.Globalization;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>The contract tests on PostgreSQL: a new database of the test server, dropped afterwards.</summary>
public sealed class PostgresDatabase(PostgresServer server, string name) : IStoreBackend
{
    // A test's stores are torn down with it: a lost connection should fail fast, not be waited for.
    private static readonly StoreRetryPolicy Retry = new() { GiveUpAfter = TimeSpan.FromSeconds(10) };

    public PostgresServer Server { get; } = server;

    public string Name { get; } = name;

    public string OptunaUrl => Server.Url(Name);

    public IStudyStore Open(TimeProvider? clock = null) => PostgresStudyStore.Open(OptunaUrl, clock ?? TimeProvider.System, Retry);

    public void Execute(string sql) => Server.Execute(Name, sql);

    public object? Scalar(string sql) => Server.Scalar(Name, sql);

    /// <summary>The clock, and heartbeats, which the server's clock wrote: they are moved back by <paramref name="span"/>.</summary>
    public void PassTime(ManualClock clock, TimeSpan span)
    {
        clock.Advance(span);
        Execute($"UPDATE trial_heartbeats SET heartbeat = heartbeat - make_interval(secs => {span.TotalSeconds.ToString(CultureInfo.InvariantCulture)})");
    }

    public void Dispose() => Server.DropDatabase(Name);
}

/// <summary>A database of its own on the shared test server, as a store backend.</summary>
internal static class PostgresServerDatabases
{
    public static PostgresDatabase NewDatabase(this PostgresServer server) => new(server, server.CreateDatabase());
}
