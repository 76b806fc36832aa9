using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Studies.Storage.Postgres;
using Npgsql;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

public sealed class StudyStoresTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("studies.db", "studies.db")]
    [InlineData("/data/studies.db", "/data/studies.db")]
    [InlineData("sqlite:///studies.db", "studies.db")]
    [InlineData("sqlite:///runs/studies.db", "runs/studies.db")]
    [InlineData("sqlite:////data/studies.db", "/data/studies.db")]
    [InlineData("SQLite:///studies.db", "studies.db")]
    [InlineData("sqlite+pysqlite:///studies.db", "studies.db")]
    public void A_path_or_a_sqlalchemy_url_names_a_sqlite_file(string location, string path) =>
        Assert.Equal(path, StudyStores.SqlitePath(location));

    [Theory]
    [InlineData("postgresql://user:secret@db/studies", "db", 5432, "user", "secret", "studies")]
    [InlineData("postgres://db.example.org:6543/runs", "db.example.org", 6543, null, null, "runs")]
    [InlineData("postgresql+psycopg2://user:secret@db:5432/studies", "db", 5432, "user", "secret", "studies")]
    [InlineData("postgresql://u%40corp:p%40ss%2Fw%3Ard@10.0.0.5/my%20db", "10.0.0.5", 5432, "u@corp", "p@ss/w:rd", "my db")]
    [InlineData("postgresql://user:raw@pass@[::1]:5433/studies", "::1", 5433, "user", "raw@pass", "studies")]
    [InlineData("postgresql:///studies?host=/var/run/postgresql&user=me", "/var/run/postgresql", 5432, "me", null, "studies")]
    public void A_postgresql_url_becomes_an_npgsql_connection_string(string url, string host, int port, string? user, string? password, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresLocation.FromUrl(url).ConnectionString);

        Assert.Equal((host, port, user, password, database), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.False(builder.Pooling);
        Assert.True(StudyStores.IsPostgresql(url));
    }

    [Fact]
    public void A_postgresql_url_shows_without_its_password_and_keeps_its_options()
    {
        var location = PostgresLocation.FromUrl("postgresql://user:secret@db:5433/studies?sslmode=verify-full&password=other&connect_timeout=5");
        var builder = new NpgsqlConnectionStringBuilder(location.ConnectionString);

        Assert.Equal("postgresql://user@db:5433/studies?sslmode=verify-full&connect_timeout=5", location.Display);
        Assert.Equal((SslMode.VerifyFull, "other", 5), (builder.SslMode, builder.Password, builder.Timeout));
    }

    [Theory]
    [InlineData("postgresql://user:secret@db:99999/studies", "not a port number")]
    [InlineData("postgresql://user:secret@db/studies?pool_size=5", "'pool_size'")]
    [InlineData("postgresql://user:secret@db/studies?sslmode=always", "sslmode must be")]
    public void Malformed_postgresql_urls_are_refused_without_their_password(string url, string problem)
    {
        var error = Assert.Throws<StudyStoreException>(() => StudyStores.Open(url));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("user:***@db", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgresql_database_is_no_sqlite_path()
    {
        var error = Assert.Throws<StudyStoreException>(() => StudyStores.SqlitePath("postgresql://user:secret@db/studies?password=secret"));

        Assert.Equal("postgresql://user@db/studies is a PostgreSQL database, not a SQLite file.", error.Message);
        Assert.False(StudyStores.IsPostgresql("sqlite:///studies.db"));
    }

    [Fact]
    public void An_env_location_is_read_from_the_environment_variable()
    {
        const string Variable = "HYP_TEST_STUDY_STORE";
        Environment.SetEnvironmentVariable(Variable, "sqlite:///" + _folder.Path());
        try
        {
            Assert.Equal(_folder.Path(), StudyStores.SqlitePath("env:" + Variable));
            using (var store = StudyStores.Open("env:" + Variable))
            {
                store.CreateStudy("s", [StudyDirection.Minimize]);
            }

            using var reopened = StudyStores.Open(_folder.Path());
            Assert.NotNull(reopened.FindStudy("s"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Theory]
    [InlineData("env:HYP_TEST_UNSET_VARIABLE", "HYP_TEST_UNSET_VARIABLE is not set")]
    [InlineData("env:", "does not name an environment variable")]
    [InlineData("env:NOT-A-NAME", "does not name an environment variable")]
    public void An_env_location_without_a_value_says_what_is_missing(string location, string problem)
    {
        var error = Assert.Throws<StudyStoreException>(() => StudyStores.Open(location));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://db/studies", "'mysql' storage")]
    [InlineData("sqlite://", "names no file")]
    [InlineData("sqlite:///:memory:", "names no file")]
    [InlineData("sqlite:///studies.db?timeout=5", "query options")]
    public void Other_locations_are_refused_with_what_to_give_instead(string location, string problem)
    {
        var error = Assert.Throws<StudyStoreException>(() => StudyStores.Open(location));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:///", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_url_opens_the_sqlite_file_it_names()
    {
        using (var store = StudyStores.Open("sqlite:///" + _folder.Path()))
        {
            store.CreateStudy("s", [StudyDirection.Minimize]);
        }

        using var reopened = StudyStores.Open(_folder.Path());
        Assert.NotNull(reopened.FindStudy("s"));
    }
}
