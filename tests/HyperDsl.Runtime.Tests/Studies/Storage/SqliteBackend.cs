using HyperDsl.Runtime.Studies.Storage;
using Microsoft.Data.Sqlite;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>The contract tests on SQLite: a file in a temporary folder.</summary>
public sealed class SqliteBackend : IStoreBackend
{
    private readonly StoreFolder _folder = new();

    public string OptunaUrl => "sqlite:///" + _folder.Path();

    public IStudyStore Open(TimeProvider? clock = null) => _folder.Open(clock: clock);

    public void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_folder.Path()};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>SQLite's heartbeats take the store's clock too.</summary>
    public void PassTime(ManualClock clock, TimeSpan span) => clock.Advance(span);

    public void Dispose() => _folder.Dispose();
}
