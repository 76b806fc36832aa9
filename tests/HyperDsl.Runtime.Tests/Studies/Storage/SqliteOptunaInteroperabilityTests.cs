namespace HyperDsl.Runtime.Tests.Studies.Storage;

public sealed class SqliteOptunaInteroperabilityTests() : OptunaInteroperabilityTests(new SqliteBackend())
{
    [Fact]
    public void Tables_are_created_exactly_as_optuna_creates_them()
    {
        using (var store = Backend.Open())
        {
            store.Upgrade();
        }

        using var schema = RunOptuna("schema", Backend.OptunaUrl);
        var ours = schema.RootElement.GetProperty("ours");
        var optuna = schema.RootElement.GetProperty("optuna").EnumerateObject().ToList();

        Assert.Equal(14, optuna.Count);
        foreach (var statement in optuna)
        {
            Assert.Equal(statement.Value.GetString(), ours.GetProperty(statement.Name).GetString());
        }
    }
}
