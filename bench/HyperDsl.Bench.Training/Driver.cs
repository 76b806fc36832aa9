using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HyperDsl.Bench.Training;

/// <summary>
/// Runs every side in its own fresh process, alternating the sides round by round (the order
/// rotates, so no side always runs first or last), then prints medians and ratios.
/// </summary>
internal sealed class Driver(BenchSettings settings, int rounds, IReadOnlyList<string> sides, string pytorchScript, bool contention, int boundedSpinCount, TextWriter output)
{
    /// <summary>Every side the driver knows, in report order.</summary>
    public static readonly string[] AllSides = ["runtime", "runtime-untuned", "torchsharp", "pytorch", "pytorch-tuned", "runtime-active", "runtime-passive", "runtime-bounded", "torchsharp-passive"];

    /// <summary>The sides of <c>--contention 1</c> unless <c>--sides</c> says otherwise.</summary>
    public static readonly string[] ContentionSides = ["runtime", "runtime-active", "runtime-bounded", "runtime-passive", "pytorch"];

    /// <summary>The suffix of a side's key for its runs beside a competing busy process.</summary>
    public const string Contended = "@contended";

    // The runtime's OpenMP wait policies, side by side (HYP_OMP_WAIT, or the bounded spin of
    // auto forced through GOMP_SPINCOUNT, which the runtime leaves alone): "runtime" is auto.
    private Dictionary<string, (string Name, string Value)> WaitVariables => new(StringComparer.Ordinal)
    {
        ["runtime-active"] = ("HYP_OMP_WAIT", "active"),
        ["runtime-passive"] = ("HYP_OMP_WAIT", "passive"),
        ["runtime-bounded"] = ("GOMP_SPINCOUNT", Text(boundedSpinCount)),
        ["torchsharp-passive"] = ("OMP_WAIT_POLICY", "PASSIVE"),
    };

    // glibc reads these at start-up: the same thresholds the runtime sets with mallopt.
    internal static readonly Dictionary<string, string> TunedMalloc = new(StringComparer.Ordinal)
    {
        ["MALLOC_MMAP_THRESHOLD_"] = "33554432",
        ["MALLOC_TRIM_THRESHOLD_"] = "268435456",
    };

    public int Run()
    {
        var keys = sides.Concat(contention ? sides.Select(s => s + Contended) : []);
        var results = keys.ToDictionary(s => s, _ => new List<SideResult>(), StringComparer.Ordinal);
        var busy = contention ? ", each idle and beside one competing busy process" : "";
        var model = settings.IsResNet ? $"ResNet-18 on {settings.Images} synthetic {settings.ImageSize}x{settings.ImageSize} images" : "Reference CNN";
        var data = settings.IsResNet ? "" : $" on {settings.DataDirectory}";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model}, batch {settings.BatchSize}, Adam {BenchSettings.LearningRate}, {settings.Threads} threads, {settings.Epochs} epochs per run{data}; {rounds} rounds, sides alternated{busy}."));
        for (var round = 0; round < rounds; round++)
        {
            var order = sides.Skip(round % sides.Count).Concat(sides.Take(round % sides.Count));
            foreach (var side in order)
            {
                // Idle first in odd rounds, contended first in even ones.
                var conditions = !contention ? [false] : round % 2 == 0 ? new[] { false, true } : [true, false];
                foreach (var contended in conditions)
                {
                    using var competitor = contended ? BusyProcess.Start() : null;
                    var result = RunSide(side);
                    var key = contended ? side + Contended : side;
                    results[key].Add(result);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} {key,-26} {result.SteadyImagesPerSecond,8:F0} images/s (epochs: {string.Join(", ", result.EpochImagesPerSecond.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}), test accuracy {result.TestAccuracy:F4}{(result.OpenMpWait is { } wait ? $"; OpenMP wait {wait}" : "")}"));
                }
            }
        }

        Report(results);
        return 0;
    }

    private void Report(Dictionary<string, List<SideResult>> results)
    {
        var medians = results.ToDictionary(r => r.Key, r => Median(r.Value.Select(v => v.SteadyImagesPerSecond)), StringComparer.Ordinal);
        output.WriteLine();
        output.WriteLine("| side | median images/s | min | max | median test accuracy |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (side, runs) in results)
        {
            var rates = runs.Select(r => r.SteadyImagesPerSecond).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {side} | {medians[side]:F0} | {rates.Min():F0} | {rates.Max():F0} | {Median(runs.Select(r => r.TestAccuracy)):F4} |"));
        }

        output.WriteLine();
        Ratio(medians, "runtime", "torchsharp", 0.97, "(a)/(b): the runtime against a hand-written TorchSharp loop");
        Ratio(medians, "runtime", "torchsharp-passive", 0.97, "(a)/(b) under one OpenMP wait: the runtime (auto: passive) against the hand-written loop with OMP_WAIT_POLICY=PASSIVE");
        Ratio(medians, "runtime-active", "torchsharp", null, "(a)/(b) under one OpenMP wait: the runtime with HYP_OMP_WAIT=active against the hand-written loop, both spinning (libgomp's default)");
        Ratio(medians, "runtime", "pytorch", 1.0, "(a)/(c): the runtime against PyTorch as installed");
        Ratio(medians, "runtime", "pytorch-tuned", 1.0, "(a)/(c'): the runtime against PyTorch with the same malloc thresholds");
        Ratio(medians, "runtime", "runtime-untuned", null, "the runtime with malloc tuning against without");
        Ratio(medians, "torchsharp", "pytorch-tuned", null, "hand-written TorchSharp against PyTorch, same malloc thresholds");
        Ratio(medians, "runtime", "runtime-active", null, "idle: the runtime (OpenMP wait auto) against libgomp's default spinning");
        Ratio(medians, "runtime-bounded", "runtime-active", null, "idle: the runtime with the bounded spin forced against libgomp's default spinning");
        Ratio(medians, "runtime-passive", "runtime-active", null, "idle: the runtime passive against libgomp's default spinning");
        if (!contention)
        {
            return;
        }

        output.WriteLine();
        foreach (var side in sides)
        {
            Ratio(medians, side + Contended, side, side == "runtime" ? 0.40 : null, $"{side}: contended against idle");
        }

        Ratio(medians, "runtime" + Contended, "pytorch" + Contended, 1.0, "contended: the runtime against PyTorch as installed");
        Ratio(medians, "runtime-bounded" + Contended, "pytorch" + Contended, null, "contended: the runtime with the bounded spin forced against PyTorch as installed");
        Ratio(medians, "runtime-active" + Contended, "pytorch" + Contended, null, "contended: the runtime with libgomp's default spinning against PyTorch as installed");
    }

    private void Ratio(Dictionary<string, double> medians, string a, string b, double? target, string what)
    {
        if (!medians.TryGetValue(a, out var x) || !medians.TryGetValue(b, out var y))
        {
            return;
        }

        var verdict = target is { } t ? (x / y >= t ? $"  PASS (target >= {t:F2})" : $"  FAIL (target >= {t:F2})") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {x / y:F3}{verdict}"));
    }

    private SideResult RunSide(string side)
    {
        var start = side.StartsWith("pytorch", StringComparison.Ordinal)
            ? PythonStart()
            : WorkerStart(settings, side.StartsWith("runtime", StringComparison.Ordinal) ? "runtime" : "torchsharp");
        foreach (var variable in TunedMalloc.Keys.Concat(["HYP_OMP_WAIT", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT"]))
        {
            start.Environment.Remove(variable);
        }

        if (WaitVariables.TryGetValue(side, out var wait))
        {
            start.Environment[wait.Name] = wait.Value;
        }

        if (side is "torchsharp" or "torchsharp-passive" or "pytorch-tuned")
        {
            foreach (var (name, value) in TunedMalloc)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["HYP_MALLOC_TUNING"] = side == "runtime-untuned" ? "0" : "1";
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {start.FileName}.");
        var errors = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = lines.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{side} printed no RESULT line (exit code {process.ExitCode}):\n{lines}\n{errors.Result}");
        return side.StartsWith("pytorch", StringComparison.Ordinal) ? FromPytorch(side, line[7..]) : JsonSerializer.Deserialize<SideResult>(line[7..])! with { Side = side };
    }

    /// <summary>This program again, as a worker that runs one side (<c>--worker</c>) with <paramref name="settings"/>.</summary>
    internal static ProcessStartInfo WorkerStart(BenchSettings settings, string side)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Driver).Assembly.Location);
        }

        foreach (var argument in new[] { "--worker", side, "--data", settings.DataDirectory, "--epochs", Text(settings.Epochs), "--threads", Text(settings.Threads), "--batch", Text(settings.BatchSize), "--seed", Text(settings.Seed), "--model", settings.Model, "--images", Text(settings.Images), "--size", Text(settings.ImageSize) })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private ProcessStartInfo PythonStart()
    {
        // Debian's python3-torch is visible only to the system interpreter (see shared/bench/README.md).
        var start = new ProcessStartInfo("/usr/bin/python3");
        var arguments = settings.IsResNet
            ? new[] { pytorchScript, "--epochs", Text(settings.Epochs), "--threads", Text(settings.Threads), "--batch", Text(settings.BatchSize), "--seed", Text(settings.Seed), "--images", Text(settings.Images), "--size", Text(settings.ImageSize) }
            : [pytorchScript, "accuracy", "--epochs", Text(settings.Epochs), "--threads", Text(settings.Threads), "--batch", Text(settings.BatchSize), "--seed", Text(settings.Seed), "--data", settings.DataDirectory];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static SideResult FromPytorch(string side, string json)
    {
        using var document = JsonDocument.Parse(json);
        var epochs = document.RootElement.GetProperty("epochs").EnumerateArray().ToList();
        return new SideResult(side, [.. epochs.Select(e => e.GetProperty("images_per_s").GetDouble())], epochs[^1].GetProperty("test_acc").GetDouble());
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
