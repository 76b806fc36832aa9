using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace HyperDsl.Runtime.Studies.Storage.Postgres;

/// <summary>
/// A PostgreSQL URL as libpq and SQLAlchemy write it
/// (<c>postgresql://user:password@host:port/database?sslmode=require</c>, also <c>postgres://</c> and
/// <c>postgresql+psycopg2://</c>) turned into an Npgsql connection string, and into a form to show
/// in messages that has no password. Every part is checked here, so that Npgsql never meets a
/// malformed one later (where its error would name neither the URL nor what to do).
/// </summary>
internal sealed partial class PostgresLocation : StoreLocation
{
    private const int DefaultPort = 5432;

    // The libpq query options HyperDsl passes on, by name.
    private static readonly IReadOnlyDictionary<string, Action<NpgsqlConnectionStringBuilder, string>> Options =
        new Dictionary<string, Action<NpgsqlConnectionStringBuilder, string>>(StringComparer.Ordinal)
        {
            ["host"] = SetHosts,
            ["port"] = (b, v) => b.Port = Port(v),
            ["user"] = (b, v) => b.Username = v,
            ["password"] = (b, v) => b.Password = v,
            ["dbname"] = (b, v) => b.Database = v,
            ["sslmode"] = (b, v) => b.SslMode = SslMode(v),
            ["sslrootcert"] = (b, v) => b.RootCertificate = v,
            ["sslcert"] = (b, v) => b.SslCertificate = v,
            ["sslkey"] = (b, v) => b.SslKey = v,
            ["connect_timeout"] = (b, v) => b.Timeout = int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 1024 ? seconds : throw new FormatException("connect_timeout must be a whole number of seconds, at most 1024."),
            ["application_name"] = (b, v) => b.ApplicationName = v,
            ["options"] = (b, v) => b.Options = v,
            ["target_session_attrs"] = (b, v) => b.TargetSessionAttributes = v,
        };

    private PostgresLocation(string connectionString, string display)
    {
        ConnectionString = connectionString;
        Display = display;
    }

    /// <summary>For Npgsql; holds the password.</summary>
    public string ConnectionString { get; }

    /// <summary>The URL without its password, for messages and <see cref="IStudyStore.Location"/>.</summary>
    public override string Display { get; }

    public override bool IsPostgresql => true;

    /// <summary>
    /// Reads a URL that starts <c>postgresql://</c> (or one of its aliases), as <see cref="StoreLocationParser"/>
    /// found it; other callers go through <see cref="StoreLocation.Parse"/>.
    /// </summary>
    /// <param name="location">The URL.</param>
    /// <param name="subject">What names the URL in messages (where it came from, and the URL without its password).</param>
    /// <exception cref="StudyStoreException">The URL is malformed or has an option HyperDsl does not pass on; the message has no password.</exception>
    public static PostgresLocation FromUrl(string location, string? subject = null)
    {
        try
        {
            return Read(location);
        }
        catch (FormatException e)
        {
            throw new StudyStoreException(
                $"{subject ?? $"'{StoreLocationParser.Redact(location)}'"} is not a PostgreSQL URL HyperDsl can use: {e.Message} " +
                "Give postgresql://user:password@host:port/database (the password percent-encoded), or env:NAME where the environment variable NAME holds it.",
                e);
        }
    }

    internal override IStudyStore Open() => PostgresStudyStore.Open(this, TimeProvider.System, StoreRetryPolicy.Default);

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
        SetHosts(builder, Decode(hosts));
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
                throw new FormatException(
                    $"it has {(OptionName().IsMatch(name) ? $"the option '{name}'" : "an option")}, which HyperDsl does not pass on (it takes {string.Join(", ", Options.Keys)}).");
            }

            apply(builder, equals >= 0 ? Decode(option[(equals + 1)..]) : "");
            if (name != "password")
            {
                shown.Add(option);
            }
        }

        var display = $"postgresql://{(user is null ? "" : Uri.EscapeDataString(user) + "@")}{hosts}/{Uri.EscapeDataString(database)}" +
            (shown.Count > 0 ? "?" + string.Join('&', shown) : "");
        return new PostgresLocation(Validated(builder), display);
    }

    /// <summary>
    /// The connection string, once Npgsql has checked it as it would when connecting (where a
    /// problem would surface as Npgsql's own exception, not as a message about the URL).
    /// </summary>
    private static string Validated(NpgsqlConnectionStringBuilder builder)
    {
        try
        {
            new NpgsqlDataSourceBuilder(builder.ConnectionString).Build().Dispose();
            return builder.ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw new FormatException("Npgsql cannot connect with what it says.", e);
        }
    }

    /// <summary>
    /// One host with an optional port (an IPv6 address in brackets), a Unix socket folder (from
    /// <c>%2Fvar%2Frun%2Fpostgresql</c> or <c>?host=/var/run/postgresql</c>), or several as
    /// <c>host:port,host:port</c>; each is checked, so that a mistyped URL does not reach Npgsql.
    /// </summary>
    private static void SetHosts(NpgsqlConnectionStringBuilder builder, string hosts)
    {
        if (hosts.Length == 0)
        {
            builder.Host = "localhost";
            builder.Port = DefaultPort;
            return;
        }

        var each = hosts.Split(',').Select(HostAndPort).ToList();
        if (each.Count == 1)
        {
            builder.Host = each[0].Host;
            builder.Port = each[0].Port ?? builder.Port;
            return;
        }

        // Npgsql takes libpq's list of hosts, each with its own port.
        builder.Host = string.Join(',', each.Select(h => (h.Host.Contains(':', StringComparison.Ordinal) ? $"[{h.Host}]" : h.Host) + (h.Port is { } port ? $":{port}" : "")));
    }

    private static (string Host, int? Port) HostAndPort(string text)
    {
        if (text.StartsWith('/'))
        {
            return (text, null);
        }

        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException("an IPv6 address in brackets lacks its ']'.");
            }

            var address = text[1..close];
            if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new FormatException("what is in brackets is not an IPv6 address.");
            }

            var after = text[(close + 1)..];
            return after.Length == 0 ? (address, null)
                : after[0] == ':' ? (address, Port(after[1..]))
                : throw new FormatException("after an IPv6 address in brackets ']' comes ':port' or nothing.");
        }

        var colon = text.LastIndexOf(':');
        var host = colon >= 0 ? text[..colon] : text;
        if (!HostName().IsMatch(host) && !IPAddress.TryParse(host, out _))
        {
            throw new FormatException("its host name has characters a host name cannot have (put an IPv6 address in brackets).");
        }

        return (host, colon >= 0 ? Port(text[(colon + 1)..]) : null);
    }

    // A port is never shown: a password whose '@' is missing takes its place.
    private static int Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException("its port is not a port number (a whole number from 1 to 65535).");

    private static SslMode SslMode(string text) => text switch
    {
        "disable" => Npgsql.SslMode.Disable,
        "allow" => Npgsql.SslMode.Allow,
        "prefer" => Npgsql.SslMode.Prefer,
        "require" => Npgsql.SslMode.Require,
        "verify-ca" => Npgsql.SslMode.VerifyCA,
        "verify-full" => Npgsql.SslMode.VerifyFull,
        _ => throw new FormatException("sslmode must be disable, allow, prefer, require, verify-ca or verify-full."),
    };

    /// <summary>Percent-decodes a part of the URL, which then may not hold control characters (nor may the part be used for anything else).</summary>
    private static string Decode(string text)
    {
        var decoded = Uri.UnescapeDataString(text);
        return decoded.Any(char.IsControl) ? throw new FormatException("it has a percent-encoded control character.") : decoded;
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9_.\-]*[A-Za-z0-9])?$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[a-z_]{1,40}$")]
    private static partial Regex OptionName();
}
