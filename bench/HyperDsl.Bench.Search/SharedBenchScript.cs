using System.Diagnostics;
using System.Text.Json;

namespace HyperDsl.Bench.Search;

/// <summary>Runs one of ../shared/bench's Optuna scripts with Debian's Python and reads the JSON it writes.</summary>
internal static class SharedBenchScript
{
    public static JsonDocument Run(string script, string resultFile, IEnumerable<string> arguments)
    {
        var output = Directory.CreateTempSubdirectory("hyperdsl-bench-");

        // Debian's python3-optuna is visible only to the system interpreter (see shared/bench/README.md).
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BENCH_OUT"] = output.FullName;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}; is python3-optuna installed (apt-get install python3-optuna)?");
        }

        return JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, "results", resultFile)));
    }
}
