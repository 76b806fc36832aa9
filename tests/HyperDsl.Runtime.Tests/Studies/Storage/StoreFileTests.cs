using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using Microsoft.Data.Sqlite;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

public sealed class StoreFileTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_text_file_is_refused_and_left_unchanged()
    {
        File.WriteAllText(_folder.Path("x.db"), "not a database, but somebody's notes\n");

        var error = AssertRefusedUnchanged("x.db");

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_with_a_newer_optuna_schema_is_refused_and_left_unchanged()
    {
        MakeStore();
        Sql("UPDATE alembic_version SET version_num = 'v3.2.0.a'");

        var error = AssertRefusedUnchanged();

        Assert.Contains("v3.2.0.a", error.Message, StringComparison.Ordinal);
        Assert.Contains("new file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_with_an_older_optuna_schema_is_refused_with_the_upgrade_command()
    {
        MakeStore();
        Sql("UPDATE alembic_version SET version_num = 'v2.6.0.a'");

        var error = AssertRefusedUnchanged();

        Assert.Contains($"optuna storage upgrade --storage sqlite:///{_folder.Path()}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_of_another_program_is_refused_and_left_unchanged()
    {
        Sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");

        var error = AssertRefusedUnchanged();

        Assert.Contains("another program (tables: invoices)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_from_a_newer_hyperdsl_is_refused_and_left_unchanged()
    {
        MakeStore();
        Sql("UPDATE hyperdsl_schema SET version = 2");

        var error = AssertRefusedUnchanged();

        Assert.Contains("newer HyperDsl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_optuna_database_gets_hyperdsl_tables_added_and_keeps_its_studies()
    {
        MakeStore();
        Sql("DROP TABLE hyperdsl_study_versions; DROP TABLE hyperdsl_schema");

        using var store = _folder.Open();

        Assert.Equal(SchemaChange.HyperDslTablesAdded, store.SchemaChange);
        Assert.NotNull(store.FindStudy("kept"));
        Assert.Equal("mnist", store.CreateStudyVersion("mnist", new SpecRecord("h", "p", "t", "v"), [StudyDirection.Minimize]).StudyName);
    }

    [Fact]
    public void A_new_store_has_optunas_version_rows_and_uses_wal()
    {
        using (var store = _folder.Open())
        {
            Assert.Equal(SchemaChange.Created, store.SchemaChange);
            Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
            Assert.Equal("v3.0.0.d", Scalar("SELECT version_num FROM alembic_version"));
            Assert.Equal("1|12|3.1.0", Scalar("SELECT version_info_id || '|' || schema_version || '|' || library_version FROM version_info"));
            Assert.Equal(1L, Scalar("SELECT version FROM hyperdsl_schema"));
        }

        using var reopened = _folder.Open();
        Assert.Equal(SchemaChange.None, reopened.SchemaChange);
    }

    [Fact]
    public void Missing_folders_are_created()
    {
        using var store = SqliteStudyStore.Open(_folder.Path("a/b/studies.db"));

        Assert.True(File.Exists(_folder.Path("a/b/studies.db")));
        Assert.Equal(_folder.Path("a/b/studies.db"), store.Location);
    }

    [Fact]
    public void A_folder_is_refused()
    {
        Directory.CreateDirectory(_folder.Path("folder.db"));

        var error = Assert.Throws<StudyStoreException>(() => _folder.Open("folder.db"));

        Assert.Contains("is a folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_location_that_cannot_be_written_gives_a_clear_error()
    {
        File.WriteAllText(_folder.Path("file"), "");

        // A folder cannot be made under a file, whoever runs the test (root ignores permission bits).
        var error = Assert.Throws<StudyStoreException>(() => SqliteStudyStore.Open(_folder.Path("file/studies.db")));

        Assert.Contains("Cannot create the folder", error.Message, StringComparison.Ordinal);
        Assert.Contains("writable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_in_a_read_only_folder_gives_a_clear_error()
    {
        // /proc takes no new files, even from root (whom permission bits do not stop).
        var error = Assert.Throws<StudyStoreException>(() => SqliteStudyStore.Open("/proc/hyperdsl-studies.db"));

        Assert.Contains("Cannot write the study database /proc/hyperdsl-studies.db", error.Message, StringComparison.Ordinal);
        Assert.Contains("writable folder", error.Message, StringComparison.Ordinal);
    }

    private StudyStoreException AssertRefusedUnchanged(string name = "studies.db")
    {
        var before = File.ReadAllBytes(_folder.Path(name));
        var files = Directory.GetFiles(_folder.Path(""));

        var error = Assert.Throws<StudyStoreException>(() => _folder.Open(name));

        Assert.Equal(before, File.ReadAllBytes(_folder.Path(name)));
        Assert.Equal(files, Directory.GetFiles(_folder.Path("")));
        Assert.Contains(_folder.Path(name), error.Message, StringComparison.Ordinal);
        return error;
    }

    private void MakeStore()
    {
        using (var store = _folder.Open())
        {
            store.CreateStudy("kept", [StudyDirection.Minimize]);
        }

        // Back to a rollback journal, as a database Optuna made: so that it is one file whose bytes tell everything.
        Sql("PRAGMA journal_mode = DELETE");
    }

    private void Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_folder.Path()};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_folder.Path()};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
