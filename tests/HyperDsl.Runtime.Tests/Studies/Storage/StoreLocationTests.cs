using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

public sealed class StoreLocationTests
{
    private const string Secret = "hunter2";

    [Theory]
    [InlineData("studies.db", "studies.db")]
    [InlineData("runs/lr=0.1/studies.db", "runs/lr=0.1/studies.db")]
    [InlineData("lr=0.1.db", "lr=0.1.db")]
    [InlineData("./odd:name.db", "./odd:name.db")]
    [InlineData("./Host=db;x.db", "./Host=db;x.db")]
    [InlineData("my studies.db", "my studies.db")]
    [InlineData("sqlite:///studies.db", "studies.db")]
    [InlineData("sqlite:////data/studies.db", "/data/studies.db")]
    [InlineData("sqlite+pysqlite:///runs/studies.db", "runs/studies.db")]
    public void A_path_or_a_sqlalchemy_url_is_a_sqlite_file(string text, string path)
    {
        var location = StoreLocation.Parse(text);

        Assert.Equal(path, location.SqlitePath);
        Assert.False(location.IsPostgresql);
    }

    [Theory]
    [InlineData("postgresql://user:hunter2@db/studies", "postgresql://user@db/studies")]
    [InlineData("postgres://db:6543/runs", "postgresql://db:6543/runs")]
    [InlineData("postgresql+psycopg2://user:hunter2@[::1]:5433/studies", "postgresql://user@[::1]:5433/studies")]
    public void A_postgresql_url_is_a_postgresql_database_shown_without_its_password(string text, string shown)
    {
        var location = StoreLocation.Parse(text);

        Assert.True(location.IsPostgresql);
        Assert.Null(location.SqlitePath);
        Assert.Equal(shown, location.Display);
        Assert.Equal(shown, location.ToString());
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData(" studies.db", "starts or ends with white space")]
    [InlineData("studies.db\n", "control character")]
    [InlineData("stud\0ies.db", "control character")]
    [InlineData("Host=db.internal;Username=hyp;Password=hunter2", "connection string")]
    [InlineData("host=db.internal user=hyp password=hunter2 dbname=studies", "connection string")]
    [InlineData("Data Source=studies.db;Password=hunter2", "connection string")]
    [InlineData("Server=db;Pwd=hunter2", "connection string")]
    [InlineData("sqlite:/tmp/hyp-one-slash.db", "three slashes")]
    [InlineData("sqlite:hyp-no-slash.db", "three slashes")]
    [InlineData("sqlite://dbhost/x.db", "has a host")]
    [InlineData("sqlite://", "names no file")]
    [InlineData("sqlite:///:memory:", "names no file")]
    [InlineData("sqlite:///studies.db?password=hunter2", "query options")]
    [InlineData("postgresql:/user:hunter2@db/studies", "postgresql://user:password@host")]
    [InlineData("postgresql:user:hunter2@db/studies", "postgresql://user:password@host")]
    [InlineData("postgresql://u:hunter2@[::1/db", "']'")]
    [InlineData("postgresql://u:hunter2@[::1]x/db", "']'")]
    [InlineData("postgresql://u:hunter2@db:port/db", "not a port number")]
    [InlineData("postgresql://u:hunter2@db:/db", "not a port number")]
    [InlineData("postgresql://u:hunter2@db:99999/db", "not a port number")]
    [InlineData("postgresql://user:hunter2/db", "not a port number")]
    [InlineData("postgresql://u:hunter2@db host/db", "host name")]
    [InlineData("postgresql://u:hunter2@db/studies?pool_size=5", "'pool_size'")]
    [InlineData("postgresql://u:p@db/studies?password=hunter2&sslmode=always", "sslmode must be")]
    [InlineData("postgresql://u:hunter2@db/studies?port=x", "not a port number")]
    [InlineData("mysql://u:hunter2@db/studies", "'mysql' storage")]
    [InlineData("file:///tmp/x.db", "'file' storage")]
    [InlineData("u:hunter2@db/studies", "HyperDsl does not have")]
    [InlineData("C:\\studies\\x.db", "HyperDsl does not have")]
    public void Other_locations_are_refused_with_the_forms_accepted_and_never_show_a_password(string text, string problem)
    {
        var error = Assert.Throws<StudyStoreException>(() => StoreLocation.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://user:password@host", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Theory]
    [InlineData("Host=db.internal;Username=hyp;Password=hunter2")]
    [InlineData("sqlite:/tmp/hyp-one-slash.db")]
    [InlineData("sqlite:hyp-no-slash.db")]
    [InlineData("mysql://u:hunter2@db/studies")]
    [InlineData("postgresql://u:hunter2@[::1/db")]
    public void Opening_a_refused_location_creates_no_file_or_folder(string text)
    {
        var first = text.Split('/')[0];

        Assert.Throws<StudyStoreException>(() => StudyStores.Open(text));

        Assert.False(File.Exists(text) || File.Exists(first) || Directory.Exists(first), $"'{first}' was created in {Environment.CurrentDirectory}.");
    }

    [Theory]
    [InlineData("postgresql://user:hunter2@db/studies", "postgresql://user:***@db/studies")]
    [InlineData("postgresql://user:hunter2@db/studies?sslmode=require&password=hunter2", "postgresql://user:***@db/studies?sslmode=require&password=***")]
    [InlineData("postgresql://user:hun@ter2@db/studies", "postgresql://user:***@db/studies")]
    [InlineData("postgresql://user:hunter2/db", "postgresql://user:***/db")]
    [InlineData("postgresql:/user:hunter2@db/studies", "postgresql:***@db/studies")]
    [InlineData("user:hunter2@db/studies", "user:***@db/studies")]
    [InlineData("Host=db;Password=hunter2;Port=5432", "Host=db;Password=***;Port=5432")]
    [InlineData("host=db password=hunter2 dbname=s", "host=db password=*** dbname=s")]
    [InlineData("postgresql://db:5432/studies", "postgresql://db:5432/studies")]
    [InlineData("runs/studies.db", "runs/studies.db")]
    public void Redacting_removes_every_password_form(string text, string redacted) =>
        Assert.Equal(redacted, StoreLocationParser.Redact(text));

    [Fact]
    public void An_env_location_is_parsed_from_the_variable_it_names()
    {
        const string Variable = "HYP_TEST_STORE_LOCATION";
        Environment.SetEnvironmentVariable(Variable, "  postgresql://user:hunter2@db/studies\n");
        try
        {
            Assert.Equal("postgresql://user@db/studies", StoreLocation.Parse("env:" + Variable).Display);

            Environment.SetEnvironmentVariable(Variable, "Host=db;Password=hunter2");
            var error = Assert.Throws<StudyStoreException>(() => StoreLocation.Parse("env:" + Variable));
            Assert.Contains($"environment variable {Variable}", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Theory]
    [InlineData("studies.db", "/specs/studies.db")]
    [InlineData("runs/studies.db", "/specs/runs/studies.db")]
    [InlineData("sqlite:///studies.db", "/specs/studies.db")]
    public void A_specs_storage_is_a_sqlite_file_relative_to_the_spec(string text, string path) =>
        Assert.Equal(path, StoreLocation.ParseSpecStorage(text, "/specs").SqlitePath);

    [Theory]
    [InlineData("postgresql://db/studies")]
    [InlineData("env:HOME")]
    [InlineData("/data/studies.db")]
    [InlineData("sqlite:////data/studies.db")]
    [InlineData("../studies.db")]
    [InlineData("runs/../../studies.db")]
    public void A_specs_storage_names_no_shared_database_and_no_file_outside_the_specs_folder(string text)
    {
        var error = Assert.Throws<StudyStoreException>(() => StoreLocation.ParseSpecStorage(text, "/specs"));

        Assert.Contains("--storage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.GetEnvironmentVariable("HOME") ?? "/root", error.Message, StringComparison.Ordinal);
    }
}
