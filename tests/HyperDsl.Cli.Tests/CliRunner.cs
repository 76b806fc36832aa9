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

    public static CliResult RunProcess(string workingDirectory, params string[] args)
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

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "hyp did not finish within a minute.");
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
