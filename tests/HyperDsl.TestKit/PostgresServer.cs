using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HyperDsl.TestKit;

/// <summary>
/// A private PostgreSQL server for a test run (one per test assembly, shared by its PostgreSQL
/// test classes): a cluster made by <c>initdb</c> in a temporary folder, started by <c>pg_ctl</c>
/// on a free port of 127.0.0.1 with its socket in that folder, and stopped and deleted at the end.
/// Each test gets a new database of its own from <see cref="CreateDatabase"/>.
/// </summary>
/// <remarks>
/// initdb, pg_ctl and postgres refuse to run as root ("initdb: error: cannot be run as root"), and
/// the tests often do (in containers, in CI). Then the cluster's folder, made under /tmp (which every
/// user may enter), is given to the <c>postgres</c> system user that Debian's postgresql package
/// creates (<c>chown -R</c>), and initdb and pg_ctl run as that user through
/// <c>runuser -u postgres --</c> (util-linux, always on Debian; <c>su</c> where it is missing); the
/// server's socket goes into the same folder, so it needs no system-wide /var/run/postgresql. Run
/// as anyone else, the programs run as that user. Root can still delete the folder afterwards.
/// The server's time zone is not UTC, so that tests notice a heartbeat written in one time zone and
/// judged in another. Durability is off (fsync, full pages): the data is thrown away anyway.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The password of the <c>postgres</c> user, over TCP (scram-sha-256); messages must never show it.</summary>
    public const string Password = "s3cret-Pa55";

    /// <summary>The server's time zone: five and a half hours east of UTC, with no daylight saving time.</summary>
    public const string TimeZone = "Asia/Kolkata";

    private const string SystemUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _binaries;
    private readonly string? _runAs;
    private readonly DirectoryInfo _folder;
    private int _databases;
    private bool _stopped;

    public PostgresServer()
    {
        _binaries = FindBinaries();
        _runAs = Environment.UserName == "root" ? SystemUser : null;
        _folder = MakeFolder();
        try
        {
            var passwordFile = Path.Combine(_folder.FullName, "password");
            File.WriteAllText(passwordFile, Password + "\n");
            if (_runAs is not null)
            {
                Run("chown", ["-R", $"{_runAs}:{_runAs}", _folder.FullName], $"give {_folder.FullName} to the {_runAs} user (is Debian's postgresql package installed? it creates that user)");
            }

            RunServerTool("initdb", ["-D", DataFolder, "-U", SystemUser, "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"]);
            Port = Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            WatchForCrash();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; private set; }

    private string DataFolder => Path.Combine(_folder.FullName, "data");

    /// <summary>The URL of <paramref name="database"/>, with the password, as Optuna and HyperDsl take it.</summary>
    public string Url(string database) => $"postgresql://{SystemUser}:{Password}@127.0.0.1:{Port}/{database}";

    /// <summary>An Npgsql connection string for <paramref name="database"/>.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SystemUser,
        Password = Password,
        Database = database,
        Pooling = false,
    }.ConnectionString;


    /// <summary>Creates a new, empty database and returns its name.</summary>
    public string CreateDatabase()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        Execute("postgres", $"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>Drops <paramref name="database"/>, ending the connections still open to it.</summary>
    public void DropDatabase(string database) => Execute("postgres", $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");

    /// <summary>Runs <paramref name="sql"/> in <paramref name="database"/> on a connection of its own.</summary>
    public void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The first value <paramref name="sql"/> gives in <paramref name="database"/>.</summary>
    public object? Scalar(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        Stop();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// PostgreSQL's server programs: where <c>pg_ctl</c> is on the PATH, else the newest of Debian's
    /// <c>/usr/lib/postgresql/N/bin</c> (Debian does not put them on the PATH).
    /// </summary>
    private static string FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "pg_ctl"))
            .Where(File.Exists)
            .Select(pgCtl => Path.GetDirectoryName(new FileInfo(pgCtl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl)!);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(folder => int.TryParse(Path.GetFileName(folder), out _))
                .OrderByDescending(folder => int.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture))
                .Select(folder => Path.Combine(folder, "bin"))
            : [];
        return onPath.Concat(debian).FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "The PostgreSQL store tests start a private PostgreSQL server, but its programs (initdb, pg_ctl) are neither on the PATH nor in /usr/lib/postgresql/N/bin. " +
                "Install PostgreSQL: apt-get install postgresql (and python3-psycopg2 for the Optuna tests); .ci/run does this.");
    }

    /// <summary>
    /// A new folder for the cluster, in /tmp where there is one: every user may enter it (the postgres
    /// user could not reach a folder under root's own TMPDIR), and its path is short enough for the
    /// server's socket (107 bytes at most).
    /// </summary>
    private static DirectoryInfo MakeFolder() => Directory.Exists("/tmp")
        ? Directory.CreateDirectory(Path.Combine("/tmp", "hyperdsl-pg-" + Guid.NewGuid().ToString("N")[..12]))
        : Directory.CreateTempSubdirectory("hyperdsl-pg-");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int ExitCode, string Output) Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Plain messages, and no time zone of the caller's: the server keeps its own.
        start.Environment["LC_ALL"] = "C";
        start.Environment.Remove("PGTZ");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish in {CommandTimeout.TotalSeconds} s.");
        }

        return (process.ExitCode, output + errors.Result);
    }

    private static void Run(string program, IReadOnlyList<string> arguments, string purpose)
    {
        var (exitCode, output) = Run(program, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Could not {purpose}: {program} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        }
    }

    /// <summary>Starts the server on a free port (another, if a process took the port meanwhile) and returns the port.</summary>
    private int Start()
    {
        var log = Path.Combine(_folder.FullName, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var options = string.Join(
                ' ',
                $"-p {port}",
                $"-k {_folder.FullName}",
                "-c listen_addresses=127.0.0.1",
                $"-c TimeZone={TimeZone}",
                "-c max_connections=200",
                "-c fsync=off",
                "-c full_page_writes=off",
                "-c synchronous_commit=off");
            var (exitCode, output) = RunServerTool("pg_ctl", ["-D", DataFolder, "-l", log, "-o", options, "-w", "-t", "60", "start"], check: false);
            if (exitCode == 0)
            {
                return port;
            }

            if (attempt == 3)
            {
                var serverLog = File.Exists(log) ? File.ReadAllText(log) : "(no log)";
                throw new InvalidOperationException($"Could not start the test PostgreSQL server:\n{output}\n{serverLog}");
            }
        }
    }

    /// <summary>
    /// Restarts the server on the same port, as an operator would (fast mode: sessions are cut, what
    /// was committed is written first; immediate mode would lose commits, since this server runs
    /// without fsync): every client loses its connections.
    /// </summary>
    public void Restart()
    {
        RunServerTool("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"], check: false);
        var log = Path.Combine(_folder.FullName, "server.log");
        var options = string.Join(' ', $"-p {Port}", $"-k {_folder.FullName}", "-c listen_addresses=127.0.0.1", $"-c TimeZone={TimeZone}", "-c max_connections=200", "-c fsync=off", "-c full_page_writes=off", "-c synchronous_commit=off");
        RunServerTool("pg_ctl", ["-D", DataFolder, "-l", log, "-o", options, "-w", "-t", "60", "start"]);
    }

    private void Stop()
    {
        if (_stopped || !Directory.Exists(Path.Combine(DataFolder, "global")))
        {
            return;
        }

        _stopped = true;
        RunServerTool("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"], check: false);
    }

    /// <summary>
    /// A test process that crashes disposes nothing: a shell in the background, detached from this
    /// process's output, waits for it to end and then stops the server and deletes its folder
    /// (after a normal end there is nothing left for it to do).
    /// </summary>
    private void WatchForCrash()
    {
        var stop = string.Join(' ', (_runAs is null ? [] : new[] { RunUser() ?? "runuser", "-u", _runAs, "--" })
            .Concat([Path.Combine(_binaries, "pg_ctl"), "-D", DataFolder, "-m", "immediate", "stop"])
            .Select(Quoted));
        var script = $"(while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; {stop}; rm -rf {Quoted(_folder.FullName)}) </dev/null >/dev/null 2>&1 &";
        Run("/bin/sh", ["-c", script], "start the watch that stops the test PostgreSQL server if the tests crash");
    }

    /// <summary>Runs one of the server's programs, as the postgres user when this process is root.</summary>
    private (int ExitCode, string Output) RunServerTool(string tool, IReadOnlyList<string> arguments, bool check = true)
    {
        var program = Path.Combine(_binaries, tool);
        var (exitCode, output) = _runAs is null ? Run(program, arguments) : RunAs(_runAs, program, arguments);
        return check && exitCode != 0
            ? throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}")
            : (exitCode, output);
    }

    private static (int ExitCode, string Output) RunAs(string user, string program, IReadOnlyList<string> arguments)
    {
        if (RunUser() is { } runuser)
        {
            return Run(runuser, ["-u", user, "--", program, .. arguments]);
        }

        // su takes one shell command line.
        return Run("su", [user, "-s", "/bin/sh", "-c", string.Join(' ', new[] { program }.Concat(arguments).Select(Quoted))]);
    }

    private static string? RunUser() => new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists);

    /// <summary>One word for sh, whatever it holds.</summary>
    private static string Quoted(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
