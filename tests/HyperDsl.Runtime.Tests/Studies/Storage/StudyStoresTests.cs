using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

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
    [InlineData("postgresql://user:secret@db/studies")]
    [InlineData("postgres://db/studies")]
    [InlineData("postgresql+psycopg2://user:secret@db:5432/studies")]
    public void Postgresql_is_not_available_yet_and_the_message_says_to_use_sqlite(string location)
    {
        var error = Assert.Throws<StudyStoreException>(() => StudyStores.Open(location));

        Assert.Contains("PostgreSQL storage is not available yet", error.Message, StringComparison.Ordinal);
        Assert.Contains("SQLite file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
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
