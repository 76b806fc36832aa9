namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>Opens a study store from where the user says it is.</summary>
public static class StudyStores
{
    /// <summary>
    /// Opens the store at <paramref name="location"/>: a SQLite file given as a path or as an
    /// Optuna/SQLAlchemy URL (<c>sqlite:///relative/path.db</c>, <c>sqlite:////absolute/path.db</c>).
    /// </summary>
    /// <exception cref="StudyStoreException">
    /// The location names storage HyperDsl does not have (PostgreSQL is not available yet, other
    /// databases are not supported), or the store cannot be opened.
    /// </exception>
    public static IStudyStore Open(string location) => SqliteStudyStore.Open(SqlitePath(location));

    /// <summary>The SQLite file that <paramref name="location"/> names (relative paths stay relative to the current folder).</summary>
    /// <inheritdoc cref="Open" path="/exception"/>
    public static string SqlitePath(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var separator = location.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return location;
        }

        var scheme = location[..separator].ToLowerInvariant();
        var driver = scheme.Split('+')[0];
        if (driver is "postgresql" or "postgres")
        {
            throw new StudyStoreException(
                $"PostgreSQL storage is not available yet ({Redacted(location)}). Use a SQLite file: give a path such as studies.db or a URL such as sqlite:///studies.db.");
        }

        if (driver != "sqlite")
        {
            throw new StudyStoreException(
                $"HyperDsl cannot store studies in '{scheme}' storage ({Redacted(location)}). Give a SQLite file: a path such as studies.db or a URL such as sqlite:///studies.db.");
        }

        // SQLAlchemy's form: sqlite:/// then the path, so a fourth slash starts an absolute path.
        var rest = location[(separator + 3)..];
        if (!rest.StartsWith('/') || rest.Length == 1 || rest == "/:memory:")
        {
            throw new StudyStoreException(
                $"'{location}' names no file (an in-memory database would vanish with the process). Give a file: sqlite:///relative/path.db or sqlite:////absolute/path.db.");
        }

        if (rest.Contains('?', StringComparison.Ordinal))
        {
            throw new StudyStoreException($"'{location}' has query options, which HyperDsl does not take; give the file alone (sqlite:///path.db).");
        }

        return rest[1..];
    }

    /// <summary>The location without a password, for messages.</summary>
    private static string Redacted(string location)
    {
        var at = location.LastIndexOf('@');
        var start = location.IndexOf("://", StringComparison.Ordinal) + 3;
        var colon = at > start ? location.IndexOf(':', start, at - start) : -1;
        return colon < 0 ? location : $"{location[..(colon + 1)]}***{location[at..]}";
    }
}
