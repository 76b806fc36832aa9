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
    public void An_optuna_database_gets_hyperdsl_tables_with_the_first_write_and_keeps_its_studies()
    {
        MakeOptunaStore();

        using var store = _folder.Open();

        Assert.NotNull(store.FindStudy("kept"));
        Assert.Empty(store.StudyVersions("mnist"));
        Assert.Equal("mnist", store.CreateStudyVersion("mnist", new SpecRecord("h", "p", "t", "v"), [StudyDirection.Minimize]).StudyName);
        Assert.Equal(1L, Scalar("SELECT version FROM hyperdsl_schema"));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public void Opening_reading_and_checking_an_optuna_database_leave_it_byte_for_byte_unchanged()
    {
        MakeOptunaStore();
        var before = Snapshot();

        using (var store = _folder.Open())
        {
            var kept = store.FindStudy("kept")!.Value;
            Assert.Empty(store.Trials(kept));
            Assert.Single(store.Studies());
            Assert.Empty(store.StudyVersions("kept"));
            store.CheckWritable();
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_study_version_refused_for_an_optuna_study_of_that_name_leaves_the_database_byte_for_byte_unchanged()
    {
        MakeOptunaStore();
        var before = Snapshot();

        using (var store = _folder.Open())
        {
            var error = Assert.Throws<StudyStoreException>(() => store.CreateStudyVersion("kept", new SpecRecord("h", "p", "t", "v"), [StudyDirection.Minimize]));
            Assert.Contains("already has a study named 'kept'", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_new_store_gets_optunas_version_rows_and_wal_with_its_first_write()
    {
        using (var store = _folder.Open())
        {
            Assert.Equal(0, new FileInfo(_folder.Path()).Length);
            Assert.Empty(store.Studies());
            store.CheckWritable();
            Assert.Equal(0, new FileInfo(_folder.Path()).Length);
            store.CreateStudy("s", [StudyDirection.Minimize]);
            Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
            Assert.Equal("v3.0.0.d", Scalar("SELECT version_num FROM alembic_version"));
            Assert.Equal("1|12|3.1.0", Scalar("SELECT version_info_id || '|' || schema_version || '|' || library_version FROM version_info"));
            Assert.Equal(1L, Scalar("SELECT version FROM hyperdsl_schema"));
        }

        using var reopened = _folder.Open();
        Assert.Equal(SchemaChange.None, reopened.Upgrade());
    }

    [Fact]
    public void Upgrade_says_what_it_created_or_added()
    {
        using (var store = _folder.Open())
        {
            Assert.Equal(SchemaChange.Created, store.Upgrade());
            Assert.Equal(SchemaChange.None, store.Upgrade());
        }

        MakeOptunaStore("optuna.db");
        using var optuna = _folder.Open("optuna.db");
        Assert.Equal(SchemaChange.HyperDslTablesAdded, optuna.Upgrade());
    }

    [Fact]
    public void A_folder_the_open_created_is_removed_when_the_open_fails()
    {
        // SQLite cannot open a file whose name is too long for the file system, whoever runs the test.
        var path = _folder.Path(Path.Combine("new", "deeper", new string('x', 300) + ".db"));

        var error = Assert.Throws<StudyStoreException>(() => SqliteStudyStore.Open(path));

        Assert.Contains("Cannot write the study database", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Path("new")));
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

    [Theory]
    [InlineData("/proc/hyperdsl-studies.db")]
    [InlineData("/proc/self/environ")]
    [InlineData("/dev/null")]
    [InlineData("/sys/hyperdsl-studies.db")]
    public void A_path_in_proc_sys_or_dev_is_refused_before_anything_opens_it(string path)
    {
        var error = Assert.Throws<StudyStoreException>(() => SqliteStudyStore.Open(path));

        Assert.Contains($"{path} is not a regular file", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path + "-journal"));
    }

    [Fact]
    public async Task A_fifo_is_refused_without_being_opened()
    {
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [_folder.Path("pipe.db")]))
        {
            mkfifo.WaitForExit();
        }

        // Opening a FIFO to read blocks until someone writes to it: a hang guard, not a timing.
        var open = Task.Run(() => Assert.Throws<StudyStoreException>(() => _folder.Open("pipe.db")));
        var error = await open.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("is not a regular file", error.Message, StringComparison.Ordinal);
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

    /// <summary>A database as Optuna made it: its tables, a study "kept", a rollback journal, and none of HyperDsl's tables.</summary>
    private void MakeOptunaStore(string name = "studies.db")
    {
        using (var store = _folder.Open(name))
        {
            store.CreateStudy("kept", [StudyDirection.Minimize]);
        }

        Sql("DROP TABLE hyperdsl_study_versions; DROP TABLE hyperdsl_schema; PRAGMA journal_mode = DELETE", name);
    }

    /// <summary>The folder's files and their bytes.</summary>
    private string Snapshot() => string.Join("\n", Directory.GetFiles(_folder.Path("")).Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetFileName(f)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));

    private void MakeStore()
    {
        using (var store = _folder.Open())
        {
            store.CreateStudy("kept", [StudyDirection.Minimize]);
        }

        // Back to a rollback journal, as a database Optuna made: so that it is one file whose bytes tell everything.
        Sql("PRAGMA journal_mode = DELETE");
    }

    private void Sql(string sql, string name = "studies.db")
    {
        using var connection = new SqliteConnection($"Data Source={_folder.Path(name)};Pooling=False");
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
