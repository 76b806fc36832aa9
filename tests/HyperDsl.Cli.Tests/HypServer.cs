using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace HyperDsl.Cli.Tests;

/// <summary>A <c>hyp serve SPEC --port 0</c> process, with the URL it printed and a client for it; disposing it stops it with SIGTERM.</summary>
internal sealed partial class HypServer : IDisposable
{
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private HypServer(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>The page's address, as <c>hyp serve</c> printed it (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Url { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>What the process wrote to standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What the process wrote to standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts <c>hyp serve ARGS --port 0</c> in <paramref name="workingDirectory"/> and waits for the URL it prints.</summary>
    public static HypServer Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hyp.dll"));
        start.ArgumentList.Add("serve");
        foreach (var arg in args.Concat(["--port", "0"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("HYP_STORAGE");
        var server = new HypServer(Process.Start(start)!);
        server.Process.OutputDataReceived += (_, line) => Append(server._output, line.Data);
        server.Process.ErrorDataReceived += (_, line) => Append(server._errors, line.Data);
        server.Process.BeginOutputReadLine();
        server.Process.BeginErrorReadLine();
        Match? url = null;
        Assert.True(
            Poll.Until(() => (url = Served().Match(server.Output)).Success || server.Process.HasExited, TimeSpan.FromSeconds(90)),
            $"hyp serve printed no URL:\n{server.Output}\n{server.Errors}");
        if (!url!.Success)
        {
            server.Process.WaitForExit();
            Assert.Fail($"hyp serve stopped (exit code {server.Process.ExitCode}):\n{server.Output}\n{server.Errors}");
        }

        server.Url = new Uri(url.Groups["url"].Value);
        server.Client = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
        return server;
    }

    /// <summary>Sends SIGTERM (as a service manager does) and waits for the process to end; returns its exit code.</summary>
    public int Stop()
    {
        if (!Process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
            Assert.True(Process.WaitForExit(30_000), "hyp serve did not stop within 30 s of SIGTERM.");
        }

        Process.WaitForExit();
        return Process.ExitCode;
    }

    public void Dispose()
    {
        Client?.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill();
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    [GeneratedRegex(@"at (?<url>http://\S+/) ")]
    private static partial Regex Served();
}
