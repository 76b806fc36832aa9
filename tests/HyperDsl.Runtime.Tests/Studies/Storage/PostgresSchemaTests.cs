using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>Opening a PostgreSQL store: its URL, its credentials, and the tables it creates, adds to or refuses.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresSchemaTests(PostgresServer server) : IDisposable
{
    private const string TableCount = "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'";
    private readonly PostgresDatabase _database = server.NewDatabase();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void StudyStores_opens_a_postgresql_url_given_directly_or_through_an_environment_variable()
    {
        const string Variable = "HYP_TEST_POSTGRES_STORE";
        using (var store = StudyStores.Open(_database.OptunaUrl))
        {
            Assert.IsType<PostgresStudyStore>(store);
            Assert.Equal($"postgresql://postgres@127.0.0.1:{server.Port}/{_database.Name}", store.Location);
            store.CreateStudy("s", [StudyDirection.Minimize]);
        }

        Environment.SetEnvironmentVariable(Variable, _database.OptunaUrl.Replace("postgresql://", "postgresql+psycopg2://", StringComparison.Ordinal));
        try
        {
            using var reopened = StudyStores.Open("env:" + Variable);
            Assert.NotNull(reopened.FindStudy("s"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void A_wrong_password_is_refused_at_once_without_showing_it()
    {
        var url = _database.OptunaUrl.Replace(PostgresServer.Password, "not-the-Pa55word", StringComparison.Ordinal);

        var error = Assert.Throws<StudyStoreException>(() => PostgresStudyStore.Open(url));

        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("PGPASSWORD", error.Message, StringComparison.Ordinal);
        Assert.Contains($"postgresql://postgres@127.0.0.1:{server.Port}/", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-Pa55word", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_that_does_not_exist_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<StudyStoreException>(() => PostgresStudyStore.Open(server.Url("no_such_database")));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("createdb", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_database_gets_optunas_version_rows_and_hyperdsls_schema_with_the_first_write()
    {
        using (var store = _database.Open())
        {
            Assert.Equal(0L, _database.Scalar(TableCount));
            Assert.Null(store.FindStudy("s"));
            Assert.Empty(store.StudyVersions("s"));
            Assert.Equal(0L, _database.Scalar(TableCount));
            store.CreateStudy("s", [StudyDirection.Minimize]);
        }

        Assert.Equal("v3.0.0.d", _database.Scalar("SELECT version_num FROM alembic_version"));
        Assert.Equal("1|12|3.1.0", _database.Scalar("SELECT version_info_id || '|' || schema_version || '|' || library_version FROM version_info"));
        Assert.Equal(1, _database.Scalar("SELECT version FROM hyperdsl_schema"));
        Assert.Equal(15L, _database.Scalar(TableCount));
    }

    [Fact]
    public void A_role_that_may_only_read_and_write_rows_works_in_a_database_its_owner_prepared()
    {
        // Roles are server-wide: one named after this test's database.
        const string RolePassword = "w0rker-Pa55";
        var role = _database.Name + "_worker";
        var url = $"postgresql://{role}:{RolePassword}@127.0.0.1:{server.Port}/{_database.Name}";
        server.Execute("postgres", $"CREATE ROLE {role} LOGIN PASSWORD '{RolePassword}'");
        try
        {
            var refused = Assert.Throws<StudyStoreException>(() =>
            {
                using var early = StudyStores.Open(url);
                early.CheckWritable();
            });
            using (var owner = _database.Open())
            {
                Assert.Equal(SchemaChange.Created, owner.Upgrade());
            }

            _database.Execute($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}");
            using (var worker = StudyStores.Open(url))
            {
                worker.CheckWritable();
                var study = worker.CreateStudy("s", [StudyDirection.Minimize]);
                var trial = worker.StartNextTrial(study, budget: 1, create: true).Trial!;
                worker.FinishTrial(trial.Id, TrialState.Complete, [1.0]);

                Assert.Equal(SchemaChange.None, worker.Upgrade());
                Assert.True(worker.StartNextTrial(study, budget: 1, create: true).BudgetReached);
            }

            Assert.Contains("hyp storage upgrade", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            _database.Execute($"DROP OWNED BY {role}");
            server.Execute("postgres", $"DROP ROLE {role}");
        }
    }

    [Fact]
    public void Many_stores_starting_on_a_new_database_at_once_create_the_tables_once()
    {
        var stores = Simultaneous.Run<IStudyStore>(8, _ => [_database.Open()]);
        try
        {
            var spec = new SpecRecord("hash", "s.hyp", "text", "v");
            var versions = Simultaneous.Run(8, i =>
            {
                stores[i].CheckWritable();
                return new List<StudyVersion> { stores[i].CreateStudyVersion("s", spec, [StudyDirection.Minimize]) };
            });
            Assert.Single(versions.Select(v => v.StudyId).Distinct());
            Assert.All(stores, store => Assert.Equal(versions[0].StudyId, store.FindStudy("s")));
            Assert.Equal(1L, _database.Scalar("SELECT COUNT(*) FROM alembic_version"));
            Assert.Equal(1L, _database.Scalar("SELECT COUNT(*) FROM hyperdsl_schema"));
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void A_database_that_takes_only_reads_can_be_read_and_is_reported_by_the_writability_check()
    {
        using (var store = _database.Open())
        {
            store.CreateStudy("kept", [StudyDirection.Minimize]);
        }

        _database.Execute($"ALTER DATABASE {_database.Name} SET default_transaction_read_only = on");
        using var reader = _database.Open();

        var error = Assert.Throws<StudyStoreException>(reader.CheckWritable);

        Assert.NotNull(reader.FindStudy("kept"));
        Assert.Contains($"postgresql://postgres@127.0.0.1:{server.Port}/{_database.Name} cannot be written", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was run", error.Message, StringComparison.Ordinal);
        Assert.Contains("default_transaction_read_only", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_refused_in_an_optuna_database_adds_no_tables_to_it()
    {
        using (var store = _database.Open())
        {
            store.CreateStudy("kept", [StudyDirection.Minimize]);
        }

        _database.Execute("DROP TABLE hyperdsl_study_versions; DROP TABLE hyperdsl_schema");
        using var reopened = _database.Open();
        reopened.CheckWritable();

        var error = Assert.Throws<StudyStoreException>(() => reopened.CreateStudyVersion("kept", new SpecRecord("h", "p", "t", "v"), [StudyDirection.Minimize]));

        Assert.Contains("already has a study named 'kept'", error.Message, StringComparison.Ordinal);
        Assert.Equal(13L, _database.Scalar(TableCount));
        Assert.Empty(reopened.StudyVersions("kept"));
    }

    [Theory]
    [InlineData("UPDATE alembic_version SET version_num = 'v3.2.0.a'", "v3.2.0.a")]
    [InlineData("UPDATE alembic_version SET version_num = 'v2.6.0.a'", "optuna storage upgrade --storage postgresql://postgres@127.0.0.1:")]
    [InlineData("UPDATE hyperdsl_schema SET version = 2", "newer HyperDsl")]
    public void A_database_of_another_schema_version_is_refused_and_left_unchanged(string change, string problem)
    {
        using (var store = _database.Open())
        {
            store.CreateStudy("kept", [StudyDirection.Minimize]);
        }

        _database.Execute("DROP TABLE hyperdsl_study_versions");
        _database.Execute(change);

        var error = Assert.Throws<StudyStoreException>(() => _database.Open());

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing in it was changed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, error.Message, StringComparison.Ordinal);
        Assert.Equal(14L, _database.Scalar(TableCount));
    }

    [Fact]
    public void A_database_of_another_program_is_refused_and_left_unchanged()
    {
        _database.Execute("CREATE TABLE invoices (id SERIAL PRIMARY KEY, total NUMERIC)");

        var error = Assert.Throws<StudyStoreException>(() => _database.Open());

        Assert.Contains("another program (tables: invoices)", error.Message, StringComparison.Ordinal);
        Assert.Contains("a new, empty database", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, _database.Scalar(TableCount));
    }
}
