namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>Opens a study store from where the user says it is.</summary>
public static class StudyStores
{
    /// <summary>
    /// Opens the store at <paramref name="location"/>, read as <see cref="StoreLocation.Parse"/> reads it:
    /// a SQLite file as a path or an Optuna/SQLAlchemy URL (<c>sqlite:///relative/path.db</c>,
    /// <c>sqlite:////absolute/path.db</c>); a PostgreSQL database as a URL
    /// (<c>postgresql://user:password@host:port/database</c>, also <c>postgres://</c> and
    /// <c>postgresql+psycopg2://</c>); or <c>env:NAME</c>, where the environment variable NAME holds
    /// one of those (so that a password need not be in a spec or on a command line).
    /// </summary>
    /// <exception cref="StudyStoreException">
    /// The location is not one of those forms (nothing is created for it), names an environment
    /// variable that is not set, or a store that cannot be opened. Messages never hold a password.
    /// </exception>
    public static IStudyStore Open(string location) => Open(StoreLocation.Parse(location));

    /// <summary>Opens the store at <paramref name="location"/>; opening writes nothing to its database (see <see cref="IStudyStore"/>).</summary>
    /// <exception cref="StudyStoreException">The store cannot be opened; the message says why and never holds a password.</exception>
    public static IStudyStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Open();
    }

    /// <summary>Whether <paramref name="location"/> (or the environment variable it names) is a PostgreSQL database.</summary>
    /// <inheritdoc cref="Open(string)" path="/exception"/>
    public static bool IsPostgresql(string location) => StoreLocation.Parse(location).IsPostgresql;

    /// <summary>The SQLite file that <paramref name="location"/> names (relative paths stay relative to the current folder).</summary>
    /// <exception cref="StudyStoreException">
    /// The location is not a SQLite file (a PostgreSQL database, or a form HyperDsl does not read),
    /// or names an environment variable that is not set.
    /// </exception>
    public static string SqlitePath(string location)
    {
        var parsed = StoreLocation.Parse(location);
        return parsed.SqlitePath ?? throw new StudyStoreException($"{parsed.Display} is a PostgreSQL database, not a SQLite file.");
    }
}
