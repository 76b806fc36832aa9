using System.Globalization;
using System.Text.RegularExpressions;
using HyperDsl.Runtime.Studies.Storage.Postgres;
using HyperDsl.Runtime.Studies.Storage.Sqlite;

namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>
/// The one place that decides what a store location is (<see cref="StoreLocation.Parse"/>). The
/// rule that keeps a mistyped location from becoming a file: only a string without a
/// <c>word:</c> prefix and without the shape of a connection string is a path; a prefix must be one
/// of the URLs HyperDsl reads, written in full. Every message goes through <see cref="Redact"/>.
/// </summary>
internal static partial class StoreLocationParser
{
    /// <summary>What HyperDsl takes, closing every refusal.</summary>
    public const string Forms =
        "HyperDsl takes a SQLite file, as a path (studies.db, /data/studies.db; ./name for a name with ':' or '=' in it) or a URL " +
        "(sqlite:///relative.db, sqlite:////absolute.db); a PostgreSQL database, as postgresql://user:password@host:port/database; " +
        "or env:NAME, the environment variable NAME holding one of those.";

    private const string EnvironmentPrefix = "env:";

    // Keys of the connection strings of Npgsql, libpq, Microsoft.Data.Sqlite and ADO.NET, without spaces, lower case.
    private static readonly HashSet<string> ConnectionStringKeys = new(StringComparer.Ordinal)
    {
        "host", "hostaddr", "server", "port", "database", "dbname", "user", "userid", "uid", "username", "password", "pwd", "passwd",
        "datasource", "filename", "initialcatalog", "integratedsecurity", "sslmode", "mode", "cache", "service", "passfile", "applicationname",
    };

    public static StoreLocation Parse(string? text)
    {
        const string Subject = "The study store location";
        var given = CheckText(text, Subject);
        if (!given.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ParseForm(given, Subject, $"{Subject} '{Redact(given)}'");
        }

        var (name, value) = ReadEnvironment(given);
        var subject = $"The environment variable {name} (from {given})";
        value = CheckText(value, subject);
        return value.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)
            ? throw Refuse(subject, "holds another env: location; set it to the location itself.")
            : ParseForm(value, subject, $"{subject}, which holds '{Redact(value)}',");
    }

    public static StoreLocation? FromEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // Set but blank is a mistake to report; a line break at the end (a value read from a file) is not.
        var subject = $"The environment variable {variable}";
        value = CheckText(string.IsNullOrWhiteSpace(value) ? value : value.Trim(), subject);
        return value.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)
            ? throw Refuse(subject, "holds an env: location; set it to the location itself.")
            : ParseForm(value, subject, $"{subject}, which holds '{Redact(value)}',");
    }

    public static StoreLocation ParseSpecStorage(string? text, string specFolder)
    {
        const string Subject = "The spec's storage";
        const string Shared =
            "names a shared database, which a spec may not: a spec names only a SQLite file (a path relative to the spec, or sqlite:///path), so that a spec from " +
            "someone else cannot send its study, or your credentials, elsewhere. Give a shared database with --storage or $HYP_STORAGE.";
        var given = CheckText(text, Subject);
        if (given.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new StudyStoreException($"{Subject} '{given}' {Shared}");
        }

        var location = ParseForm(given, Subject, $"{Subject} '{Redact(given)}'");
        if (location.SqlitePath is not { } path)
        {
            throw new StudyStoreException($"{Subject} '{location.Display}' {Shared}");
        }

        return Path.IsPathRooted(path) || path.Split('/', '\\').Contains("..")
            ? throw new StudyStoreException(
                $"{Subject} '{path}' is outside the spec's folder: a spec names its study file relative to itself, without '..', so that a spec from " +
                "someone else cannot create files elsewhere. Give another place with --storage or $HYP_STORAGE.")
            : new SqliteLocation(Path.Combine(specFolder, path));
    }

    /// <summary>
    /// <paramref name="text"/> with every password it may hold replaced by <c>***</c>: the part after
    /// the first ':' of a URL's user information (up to the last '@'), a port that is no number (a
    /// password whose '@' is missing), and the value of a <c>password=</c> or <c>pwd=</c> pair.
    /// </summary>
    public static string Redact(string text)
    {
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        var start = separator < 0 ? 0 : separator + 3;
        var at = text.LastIndexOf('@');
        if (at > start)
        {
            var colon = text.IndexOf(':', start, at - start);
            text = colon < 0 ? text : $"{text[..(colon + 1)]}***{text[at..]}";
        }
        else if (separator >= 0)
        {
            var end = text.IndexOfAny(['/', '?'], start);
            end = end < 0 ? text.Length : end;
            var host = Math.Max(start, text.IndexOf(']', start, end - start));
            var colon = text.IndexOf(':', host, end - host);
            if (colon >= 0 && text.AsSpan(colon + 1, end - colon - 1).ContainsAnyExceptInRange('0', '9'))
            {
                text = $"{text[..(colon + 1)]}***{text[end..]}";
            }
        }

        return PasswordPair().Replace(text, "${key}***");
    }

    private static string CheckText(string? text, string subject)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Refuse(subject, "is empty.");
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.GetUnicodeCategory(text[i]) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                throw Refuse(subject, $"has a control character or an invisible one (U+{(int)text[i]:X4}, character {i + 1}).");
            }
        }

        return text.Trim() == text ? text : throw Refuse($"{subject} '{Redact(text)}'", "starts or ends with white space; remove it.");
    }

    private static (string Name, string Value) ReadEnvironment(string given)
    {
        var name = given[EnvironmentPrefix.Length..];
        if (!EnvironmentName().IsMatch(name))
        {
            throw Refuse($"'{given}'", "does not name an environment variable: give env:NAME, NAME made of letters, digits and underscores.");
        }

        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StudyStoreException($"The study store is to be found in the environment variable {name} ({given}), but {name} is not set. Set it to a SQLite path or a PostgreSQL URL.");
        }

        // A value read from a file (a Kubernetes secret, `export X=$(cat f)`) often ends with a line break.
        return (name, value.Trim());
    }

    /// <summary>
    /// One of the forms, from a text that has no control characters and no white space at its ends;
    /// <paramref name="subject"/> names it in messages, with its text, <paramref name="bareSubject"/> without.
    /// </summary>
    private static StoreLocation ParseForm(string text, string bareSubject, string subject)
    {
        var scheme = Scheme().Match(text);
        if (scheme.Success && !(scheme.Length == 2 && OperatingSystem.IsWindows()))
        {
            var name = scheme.Groups["name"].Value;
            var rest = text[scheme.Length..];
            var family = name.ToLowerInvariant().Split('+')[0];
            return family switch
            {
                "sqlite" => SqliteUrl(rest, subject),
                "postgresql" or "postgres" when rest.StartsWith("//", StringComparison.Ordinal) => PostgresLocation.FromUrl(text, subject),
                "postgresql" or "postgres" => throw Refuse(subject, "is not a PostgreSQL URL: it starts postgresql:// (two slashes), then user:password@host:port/database."),
                _ when rest.StartsWith("//", StringComparison.Ordinal) => throw Refuse(subject, $"names '{name}' storage, which HyperDsl does not have."),
                _ => throw Refuse(subject, "starts with a prefix ('word:') that names storage HyperDsl does not have; a file name with a colon is written ./name."),
            };
        }

        if (ConnectionStringKeysOf(text) is { Count: > 0 } keys)
        {
            throw Refuse(
                bareSubject,
                $"looks like a connection string (with the keys {string.Join(", ", keys)}), which HyperDsl does not take; it would have become a file of that name.");
        }

        return new SqliteLocation(text);
    }

    /// <summary>SQLAlchemy's form: <c>sqlite://</c>, no host, <c>/</c>, then the path (so a fourth slash starts an absolute one).</summary>
    private static SqliteLocation SqliteUrl(string rest, string subject)
    {
        const string Shape = "after sqlite: come three slashes and a relative path (sqlite:///studies.db), or four slashes and an absolute one (sqlite:////data/studies.db).";
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            throw Refuse(subject, $"is not a SQLite URL: {Shape}");
        }

        var slash = rest.IndexOf('/', 2);
        if ((slash < 0 ? rest.Length : slash) > 2)
        {
            throw Refuse(subject, $"has a host, which a SQLite URL does not: {Shape}");
        }

        var path = slash < 0 ? "" : rest[(slash + 1)..];
        if (path.Length == 0 || path == ":memory:")
        {
            throw Refuse(subject, "names no file (an in-memory database would vanish with the process).");
        }

        return path.Contains('?', StringComparison.Ordinal)
            ? throw Refuse(subject, "has query options, which HyperDsl does not take; give the file alone (sqlite:///path.db).")
            : new SqliteLocation(path);
    }

    /// <summary>
    /// The keys, when <paramref name="text"/> has the shape of a connection string: <c>key=value</c>
    /// pairs split by ';', or one whose key a connection string has (<c>Host=db</c>, libpq's
    /// <c>host=db dbname=x</c>); empty for a path (<c>lr=0.1.db</c>, <c>runs/a=b/x.db</c>).
    /// </summary>
    private static List<string> ConnectionStringKeysOf(string text)
    {
        var keys = ConnectionStringKey().Matches(text).Select(m => m.Groups["key"].Value.Trim()).ToList();
        if (keys.Count == 0 || !text.StartsWith(keys[0], StringComparison.Ordinal))
        {
            return [];
        }

        var known = keys.Any(k => ConnectionStringKeys.Contains(k.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant()));
        return known || text.Contains(';', StringComparison.Ordinal) ? keys : [];
    }

    private static StudyStoreException Refuse(string subject, string problem) => new($"{subject} {problem} {Forms}");

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9+.\-]*):")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"(?:^|;|\s)\s*(?<key>[A-Za-z][A-Za-z0-9 _]*?)\s*=")]
    private static partial Regex ConnectionStringKey();

    [GeneratedRegex(@"(?<key>(?:password|passwd|pwd)\s*=\s*)[^;&\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPair();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
