using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.TestKit;
using Microsoft.Data.Sqlite;

namespace HyperDsl.Cli.Tests;

public sealed class StorageCommandTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-storage-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Upgrade_creates_the_schema_of_a_new_database_and_then_finds_it_complete()
    {
        var path = Path.Combine(_folder, "studies.db");

        var first = CliRunner.Run(["storage", "upgrade", path]);
        var second = CliRunner.Run(["storage", "upgrade", path]);

        Assert.Equal((0, $"{path}: created the study schema (Optuna 3.1's tables and HyperDsl's).\n", ""), (first.ExitCode, first.Output, first.Error));
        Assert.Equal((0, $"{path}: the study schema is complete; nothing changed.\n"), (second.ExitCode, second.Output));
    }

    [Fact]
    public void Upgrade_adds_hyperdsl_tables_to_an_optuna_database_and_keeps_its_studies()
    {
        var path = Path.Combine(_folder, "optuna.db");
        using (var store = SqliteStudyStore.Open(path))
        {
            store.CreateStudy("kept", [StudyDirection.Minimize]);
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE hyperdsl_study_versions; DROP TABLE hyperdsl_schema";
            drop.ExecuteNonQuery();
        }

        var result = CliRunner.Run(["storage", "upgrade", path]);

        Assert.Equal((0, $"{path}: added HyperDsl's tables; Optuna's tables and studies are as they were.\n"), (result.ExitCode, result.Output));
        using var reopened = SqliteStudyStore.Open(path);
        Assert.NotNull(reopened.FindStudy("kept"));
        Assert.Equal(SchemaChange.None, reopened.Upgrade());
    }

    [Fact]
    public void Upgrade_refuses_a_file_that_is_not_a_study_database_and_leaves_it_unchanged()
    {
        var path = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(path, "not a database\n");

        var result = CliRunner.Run(["storage", "upgrade", path]);

        Assert.Equal((2, ""), (result.ExitCode, result.Output));
        Assert.Contains($"hyp: error: {path} is not a SQLite database", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing in it was changed.", result.Error, StringComparison.Ordinal);
        Assert.Equal("not a database\n", File.ReadAllText(path));
    }

    [Fact]
    public void Upgrade_prepares_a_shared_postgresql_database_once_and_hides_its_password()
    {
        var url = server.Url(server.CreateDatabase());

        var first = CliRunner.Run(["storage", "upgrade", url]);
        var second = CliRunner.Run(["storage", "upgrade", url]);

        Assert.Equal(0, first.ExitCode);
        Assert.EndsWith(": created the study schema (Optuna 3.1's tables and HyperDsl's).\n", first.Output, StringComparison.Ordinal);
        Assert.EndsWith(": the study schema is complete; nothing changed.\n", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, first.Output + second.Output, StringComparison.Ordinal);
    }
}
