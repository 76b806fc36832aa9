using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>
/// Where a contract test's stores live: one new, empty database for each test, on one kind of
/// store, with what the tests need to do to it behind the stores' backs.
/// </summary>
public interface IStoreBackend : IDisposable
{
    /// <summary>The test's database as Optuna's storage URL.</summary>
    string OptunaUrl { get; }

    /// <summary>A new store instance on the test's database: its own connection, as another process would have.</summary>
    IStudyStore Open(TimeProvider? clock = null);

    /// <summary>Runs SQL on the test's database.</summary>
    void Execute(string sql);

    /// <summary>
    /// Lets <paramref name="span"/> pass for the stores opened with <paramref name="clock"/>: their
    /// clock, and heartbeats where the database's clock writes them.
    /// </summary>
    void PassTime(ManualClock clock, TimeSpan span);
}
