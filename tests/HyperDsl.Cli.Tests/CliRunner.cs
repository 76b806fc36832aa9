using System.Diagnostics;

namespace HyperDsl.Cli.Tests;

/// <summary>Runs <c>hyp</c> in process (fast, most tests) or as a real process (the wiring of Program).</summary>
internal static class CliRunner
{
    public static CliResult Run(bool isTerminal, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exitCode = HypCli.Run(args, new CliConsole(output, error, isTerminal));
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static CliResult Run(params string[] args) => Run(isTerminal: false, args);

    public static CliResult RunProcess(string workingDirectory, params string[] args) => RunProcess(workingDirectory, configure: null, args);

    /// <summary>Runs <c>dotnet hyp.dll ARGS</c>, after <paramref name="configure"/> had its say on the process (its environment, a command to run it under).</summary>
    public static CliResult RunProcess(string workingDirectory, Action<ProcessStartInfo>? configure, params string[] args)
    {
        var hyp = Path.Combine(AppContext.BaseDirectory, "hyp.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(hyp);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        configure?.Invoke(start);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "hyp did not finish within a minute.");
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>A <c>hyp</c> process left running (a worker, a run to kill), with what it writes to stderr kept.</summary>
internal sealed class BackgroundHyp : IDisposable
{
    private readonly System.Text.StringBuilder _errors = new();

    private BackgroundHyp(Process process) => Process = process;

    public Process Process { get; }

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

    /// <summary>Starts <c>dotnet hyp.dll ARGS</c> in <paramref name="workingDirectory"/>; <paramref name="storage"/> becomes HYP_STORAGE (removed when null).</summary>
    public static BackgroundHyp Start(string workingDirectory, string? storage, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hyp.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (storage is null)
        {
            start.Environment.Remove("HYP_STORAGE");
        }
        else
        {
            start.Environment["HYP_STORAGE"] = storage;
        }

        var hyp = new BackgroundHyp(Process.Start(start)!);
        hyp.Process.OutputDataReceived += (_, _) => { };
        hyp.Process.ErrorDataReceived += (_, line) =>
        {
            lock (hyp._errors)
            {
                hyp._errors.AppendLine(line.Data);
            }
        };
        hyp.Process.BeginOutputReadLine();
        hyp.Process.BeginErrorReadLine();
        return hyp;
    }

    /// <summary>Waits for the process to end and asserts it ended with exit code 0, showing its errors if not.</summary>
    public void AssertSucceeds(TimeSpan limit)
    {
        Assert.True(Process.WaitForExit(limit), $"hyp did not finish in {limit}");
        Process.WaitForExit();
        Assert.True(Process.ExitCode == 0, $"hyp failed with exit code {Process.ExitCode}:\n{Errors}");
    }

    public void Dispose() => Process.Dispose();
}

/// <summary>Polls a condition that another process makes true.</summary>
internal static class Poll
{
    public static bool Until(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }
}
