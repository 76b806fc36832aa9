using HyperDsl.Runtime.Studies.Storage.Postgres;

namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>Opens a study store from where the user says it is.</summary>
public static class StudyStores
{
    private const string EnvironmentPrefix = "env:";

    /// <summary>
    /// Opens the store at <paramref name="location"/>: a SQLite file given as a path or as an
    /// Optuna/SQLAlchemy URL (<c>sqlite:///relative/path.db</c>, <c>sqlite:////absolute/path.db</c>);
    /// a PostgreSQL database as a URL (<c>postgresql://user:password@host:port/database</c>, also
    /// <c>postgres://</c> and <c>postgresql+psycopg2://</c>); or <c>env:NAME</c>, where the environment
    /// variable NAME holds one of those (so that a password need not be in a spec or on a command line).
    /// </summary>
    /// <exception cref="StudyStoreException">
    /// The location names storage HyperDsl does not have, an environment variable that is not set,
    /// or a store that cannot be opened. Messages never hold a password.
    /// </exception>
    public static IStudyStore Open(string location)
    {
        var resolved = Resolve(location);
        return PostgresLocation.Matches(resolved) ? PostgresStudyStore.Open(resolved) : SqliteStudyStore.Open(SqlitePath(resolved));
    }

    /// <summary>Whether <paramref name="location"/> (or the environment variable it names) is a PostgreSQL database.</summary>
    /// <inheritdoc cref="Open" path="/exception"/>
    public static bool IsPostgresql(string location) => PostgresLocation.Matches(Resolve(location));

    /// <summary>The SQLite file that <paramref name="location"/> names (relative paths stay relative to the current folder).</summary>
    /// <exception cref="StudyStoreException">
    /// The location is not a SQLite file (a PostgreSQL database, or storage HyperDsl does not have),
    /// or names an environment variable that is not set.
    /// </exception>
    public static string SqlitePath(string location)
    {
        location = Resolve(location);
        var separator = location.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return location;
        }

        var scheme = location[..separator].ToLowerInvariant();
        if (PostgresLocation.Matches(location))
        {
            throw new StudyStoreException($"{Redacted(location)} is a PostgreSQL database, not a SQLite file.");
        }

        if (scheme.Split('+')[0] != "sqlite")
        {
            throw new StudyStoreException(
                $"HyperDsl cannot store studies in '{scheme}' storage ({Redacted(location)}). Give a SQLite file (a path such as studies.db or a URL such as sqlite:///studies.db) " +
                "or a PostgreSQL database (postgresql://user:password@host:port/database).");
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

    /// <summary>The location without a password (in the user part, or a <c>password=</c> option), for messages.</summary>
    internal static string Redacted(string location)
    {
        var at = location.LastIndexOf('@');
        var start = location.IndexOf("://", StringComparison.Ordinal) + 3;
        var colon = at > start ? location.IndexOf(':', start, at - start) : -1;
        var redacted = colon < 0 ? location : $"{location[..(colon + 1)]}***{location[at..]}";
        var query = redacted.IndexOf('?', StringComparison.Ordinal);
        var password = query < 0 ? -1 : redacted.IndexOf("password=", query, StringComparison.OrdinalIgnoreCase);
        if (password >= 0)
        {
            var end = redacted.IndexOf('&', password);
            redacted = redacted[..(password + "password=".Length)] + "***" + (end < 0 ? "" : redacted[end..]);
        }

        return redacted;
    }

    /// <summary><paramref name="location"/> itself, or for <c>env:NAME</c> the value of the environment variable NAME.</summary>
    private static string Resolve(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (!location.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return location;
        }

        var name = location[EnvironmentPrefix.Length..];
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(name[0]))
        {
            throw new StudyStoreException($"'{location}' does not name an environment variable: give env:NAME, NAME made of letters, digits and underscores.");
        }

        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StudyStoreException($"The study store is to be found in the environment variable {name} ({location}), but {name} is not set. Set it to a SQLite path or a PostgreSQL URL.");
        }

        value = value.Trim();
        return value.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)
            ? throw new StudyStoreException($"The environment variable {name} ({location}) holds another env: location; set it to the SQLite path or PostgreSQL URL itself.")
            : value;
    }
}
