using Npgsql;

namespace HyperDsl.Runtime.Studies.Storage.Postgres;

/// <summary>
/// A PostgreSQL URL as libpq and SQLAlchemy write it
/// (<c>postgresql://user:password@host:port/database?sslmode=require</c>, also <c>postgres://</c> and
/// <c>postgresql+psycopg2://</c>) turned into an Npgsql connection string, and into a form to show
/// in messages that has no password.
/// </summary>
/// <param name="ConnectionString">For Npgsql; holds the password.</param>
/// <param name="Display">The URL without its password, for messages and <see cref="IStudyStore.Location"/>.</param>
internal sealed record PostgresLocation(string ConnectionString, string Display)
{
    private const int DefaultPort = 5432;

    // The libpq query options HyperDsl passes on, by name.
    private static readonly IReadOnlyDictionary<string, Action<NpgsqlConnectionStringBuilder, string>> Options =
        new Dictionary<string, Action<NpgsqlConnectionStringBuilder, string>>(StringComparer.Ordinal)
        {
            ["host"] = (b, v) => b.Host = v,
            ["port"] = (b, v) => b.Port = Port(v),
            ["user"] = (b, v) => b.Username = v,
            ["password"] = (b, v) => b.Password = v,
            ["dbname"] = (b, v) => b.Database = v,
            ["sslmode"] = (b, v) => b.SslMode = SslMode(v),
            ["sslrootcert"] = (b, v) => b.RootCertificate = v,
            ["sslcert"] = (b, v) => b.SslCertificate = v,
            ["sslkey"] = (b, v) => b.SslKey = v,
            ["connect_timeout"] = (b, v) => b.Timeout = int.TryParse(v, out var seconds) && seconds >= 0 ? seconds : throw new FormatException($"connect_timeout must be a number of seconds, not '{v}'."),
            ["application_name"] = (b, v) => b.ApplicationName = v,
            ["options"] = (b, v) => b.Options = v,
            ["target_session_attrs"] = (b, v) => b.TargetSessionAttributes = v,
        };

    /// <summary>Whether <paramref name="location"/> is a PostgreSQL URL (by its scheme; the rest is checked by <see cref="Parse"/>).</summary>
    public static bool Matches(string location)
    {
        var separator = location.IndexOf("://", StringComparison.Ordinal);
        return separator > 0 && location[..separator].ToLowerInvariant().Split('+')[0] is "postgresql" or "postgres";
    }

    /// <summary>Reads a URL that <see cref="Matches"/>.</summary>
    /// <exception cref="StudyStoreException">The URL is malformed or has an option HyperDsl does not pass on; the message has no password.</exception>
    public static PostgresLocation Parse(string location)
    {
        try
        {
            return Read(location);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException)
        {
            throw new StudyStoreException(
                $"'{StudyStores.Redacted(location)}' is not a PostgreSQL URL HyperDsl can use: {e.Message} " +
                "Give postgresql://user:password@host:port/database (the password percent-encoded), or env:NAME where the environment variable NAME holds it.",
                e);
        }
    }

    private static PostgresLocation Read(string location)
    {
        var rest = location[(location.IndexOf("://", StringComparison.Ordinal) + 3)..];

        // The last '@' ends the user and password, so that a password with a raw '@', '/' or ':' still works.
        var at = rest.LastIndexOf('@');
        var userInfo = at >= 0 ? rest[..at] : null;
        var address = at >= 0 ? rest[(at + 1)..] : rest;
        var question = address.IndexOf('?', StringComparison.Ordinal);
        var query = question >= 0 ? address[(question + 1)..] : "";
        address = question >= 0 ? address[..question] : address;
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        var hosts = slash >= 0 ? address[..slash] : address;
        var database = slash >= 0 ? Decode(address[(slash + 1)..]) : "";

        var builder = new NpgsqlConnectionStringBuilder
        {
            ApplicationName = "hyperdsl",

            // The store keeps one connection for its life; after a lost connection the next attempt
            // must open a new one, not take from a pool another that the server has also dropped.
            Pooling = false,
            TcpKeepAlive = true,
        };
        SetHosts(builder, hosts);
        string? user = null;
        if (userInfo is not null)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Decode(colon >= 0 ? userInfo[..colon] : userInfo);
            builder.Username = user;
            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..]);
            }
        }

        if (database.Length > 0)
        {
            builder.Database = database;
        }

        var shown = new List<string>();
        foreach (var option in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals >= 0 ? option[..equals] : option);
            if (!Options.TryGetValue(name, out var apply))
            {
                throw new FormatException($"it has the option '{name}', which HyperDsl does not pass on (it takes {string.Join(", ", Options.Keys)}).");
            }

            apply(builder, equals >= 0 ? Decode(option[(equals + 1)..]) : "");
            if (name != "password")
            {
                shown.Add(option);
            }
        }

        var display = $"postgresql://{(user is null ? "" : Uri.EscapeDataString(user) + "@")}{hosts}/{Uri.EscapeDataString(database)}" +
            (shown.Count > 0 ? "?" + string.Join('&', shown) : "");
        return new PostgresLocation(builder.ConnectionString, display);
    }

    /// <summary>One host with an optional port (an IPv6 address in brackets), or several as <c>host:port,host:port</c>.</summary>
    private static void SetHosts(NpgsqlConnectionStringBuilder builder, string hosts)
    {
        if (hosts.Length == 0)
        {
            builder.Host = "localhost";
            builder.Port = DefaultPort;
            return;
        }

        if (hosts.Contains(',', StringComparison.Ordinal))
        {
            // Npgsql takes libpq's list of hosts, each with its own port, as it is.
            builder.Host = hosts;
            return;
        }

        var bracket = hosts.StartsWith('[') ? hosts.IndexOf(']', StringComparison.Ordinal) : -1;
        var colon = hosts.LastIndexOf(':');
        if (bracket > 0)
        {
            builder.Host = hosts[1..bracket];
            colon = hosts.Length > bracket + 1 && hosts[bracket + 1] == ':' ? bracket + 1 : -1;
        }
        else
        {
            builder.Host = Decode(colon >= 0 ? hosts[..colon] : hosts);
        }

        builder.Port = colon >= 0 ? Port(hosts[(colon + 1)..]) : DefaultPort;
    }

    private static int Port(string text) =>
        int.TryParse(text, out var port) && port is > 0 and <= 65535 ? port : throw new FormatException($"'{text}' is not a port number.");

    private static SslMode SslMode(string text) => text switch
    {
        "disable" => Npgsql.SslMode.Disable,
        "allow" => Npgsql.SslMode.Allow,
        "prefer" => Npgsql.SslMode.Prefer,
        "require" => Npgsql.SslMode.Require,
        "verify-ca" => Npgsql.SslMode.VerifyCA,
        "verify-full" => Npgsql.SslMode.VerifyFull,
        _ => throw new FormatException($"sslmode must be disable, allow, prefer, require, verify-ca or verify-full, not '{text}'."),
    };

    private static string Decode(string text) => Uri.UnescapeDataString(text);
}
