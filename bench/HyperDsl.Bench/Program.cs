using BenchmarkDotNet.Running;
using HyperDsl.Bench;

// dotnet run -c Release --project bench/HyperDsl.Bench -- [BenchmarkDotNet arguments, e.g. --job short]
// dotnet run -c Release --project bench/HyperDsl.Bench -- --quick [--warmup N] [--warmup-ms N] [--runs N] [--trace]
// dotnet run -c Release --project bench/HyperDsl.Bench -- --check-scaling
// dotnet run -c Release --project bench/HyperDsl.Bench -- --lsp
// dotnet run -c Release --project bench/HyperDsl.Bench -- --differential [--count N] [--seed S] [--points P] [--include-known] [--only-seed X]
//
// The inputs are checked first, in this process, so a spec that stopped parsing cleanly fails
// the run at once and loudly instead of being timed (BenchmarkDotNet checks again in GlobalSetup).
if (args is ["--check-scaling"])
{
    return CheckScaling.Run(Console.Out);
}

if (args is ["--lsp"])
{
    return await LspRecheck.RunAsync(Console.Out);
}

if (args is ["--differential", ..])
{
    return DifferentialCommand.Run(args, Console.Out);
}

BenchmarkInputs inputs;
try
{
    inputs = BenchmarkInputs.Load();
}
catch (Exception e) when (e is InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"HyperDsl.Bench: the benchmark inputs are wrong, so nothing was measured.{Environment.NewLine}{e.Message}");
    return 2;
}

if (!args.Contains("--quick", StringComparer.Ordinal))
{
    var summary = BenchmarkRunner.Run<ParseBenchmarks>(args: args);
    return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
}

var options = new Dictionary<string, int>(StringComparer.Ordinal)
{
    ["--warmup"] = WarmUp.DefaultParses,
    ["--warmup-ms"] = WarmUp.DefaultMilliseconds,
    ["--runs"] = QuickRun.DefaultTimedParses,
};
var trace = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "--quick")
    {
        continue;
    }

    if (args[i] is "--trace")
    {
        trace = true;
    }
    else if (options.ContainsKey(args[i]) && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value >= 0)
    {
        options[args[i]] = value;
        i++;
    }
    else
    {
        Console.Error.WriteLine($"HyperDsl.Bench: unexpected argument '{args[i]}' for --quick; it takes --warmup N, --warmup-ms N, --runs N (N >= 0) and --trace.");
        return 2;
    }
}

return QuickRun.Run(inputs, Console.Out, options["--warmup"], options["--warmup-ms"], Math.Max(1, options["--runs"]), trace);
