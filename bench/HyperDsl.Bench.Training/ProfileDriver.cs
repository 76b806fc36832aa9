using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Bench.Training;

/// <summary>
/// <c>--profile 1</c>: each side in its own fresh process, the sides alternated round by round as
/// <see cref="Driver"/> does, each reporting milliseconds per step of every <see cref="StepPhase"/>;
/// prints the medians over the rounds side by side with their ratios, then the per-layer forward times.
/// Every side runs under one OpenMP wait (<paramref name="ompWait"/>: passive, spin, or each side's own default),
/// and the hand-written and PyTorch sides with the runtime's malloc thresholds, so the table compares loops, not settings.
/// </summary>
internal sealed class ProfileDriver(BenchSettings settings, int rounds, IReadOnlyList<string> sides, string script, string ompWait, int warmupSteps, int layerPasses, TextWriter output)
{
    /// <summary>The sides <c>--profile 1</c> knows; pytorch is PyTorch 1.13 with the runtime's malloc thresholds (pytorch-tuned elsewhere).</summary>
    public static readonly string[] ProfileSides = ["runtime", "torchsharp", "pytorch"];

    /// <summary>The OpenMP waits <c>--omp-wait</c> takes.</summary>
    public static readonly string[] Waits = ["passive", "spin", "each"];

    public int Run()
    {
        var model = settings.IsResNet ? $"ResNet-18 on {settings.Images} synthetic {settings.ImageSize}x{settings.ImageSize} images" : "Reference CNN";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Profile: {model}, batch {settings.BatchSize}, {settings.Threads} threads, {settings.Epochs} epoch(s) per run, first {warmupSteps} steps untimed; {rounds} rounds, sides alternated; OpenMP wait {ompWait}; malloc thresholds tuned on every side."));
        var profiles = sides.ToDictionary(s => s, _ => new List<PhaseProfile>(), StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var side in sides.Skip(round % sides.Count).Concat(sides.Take(round % sides.Count)))
            {
                var profile = RunSide(side);
                profiles[side].Add(profile);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} {side,-11} {profile.StepMs,8:F2} ms/step over {profile.Steps} steps; evaluation {profile.EvaluationMs:F0} ms"));
            }
        }

        Report(profiles);
        return 0;
    }

    private void Report(Dictionary<string, List<PhaseProfile>> profiles)
    {
        PhaseTable(profiles, "Median wall-clock milliseconds per training step, by phase (a phase a side does not have per step reads 0):", p => p.PhasesMs, wall: true);
        PhaseTable(profiles, "Median process CPU milliseconds per training step, by phase (all threads; under passive waiting the work done, whatever else runs):", p => p.CpuPhasesMs, wall: false);
        LayerTable(profiles);
    }

    private void PhaseTable(Dictionary<string, List<PhaseProfile>> profiles, string title, Func<PhaseProfile, IReadOnlyDictionary<string, double>> times, bool wall)
    {
        var reference = sides[0];
        var others = sides.Skip(1).ToList();
        var phases = Enum.GetValues<StepPhase>().Where(p => p != StepPhase.Evaluation).Select(p => p.ToString()).ToList();
        double Phase(string side, string phase) => Median(profiles[side].Select(p => times(p).GetValueOrDefault(phase)));
        double Step(string side) => Median(profiles[side].Select(p => times(p).Values.Sum()));

        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine();
        output.WriteLine($"| phase | {string.Join(" | ", sides)} | {string.Join(" | ", others.Select(o => $"{reference} - {o}"))} |");
        output.WriteLine($"|---|{string.Concat(sides.Select(_ => "---:|"))}{string.Concat(others.Select(_ => "---:|"))}");
        foreach (var phase in phases)
        {
            output.WriteLine($"| {phase} | {string.Join(" | ", sides.Select(s => F(Phase(s, phase))))} | {string.Join(" | ", others.Select(o => Signed(Phase(reference, phase) - Phase(o, phase))))} |");
        }

        output.WriteLine($"| **step** | {string.Join(" | ", sides.Select(s => $"**{F(Step(s))}**"))} | {string.Join(" | ", others.Select(o => $"**{Signed(Step(reference) - Step(o))}**"))} |");
        var evaluation = wall ? (Func<PhaseProfile, double>)(p => p.EvaluationMs) : p => p.EvaluationCpuMs;
        output.WriteLine($"| evaluation (ms, all) | {string.Join(" | ", sides.Select(s => F(Median(profiles[s].Select(evaluation)))))} | {string.Join(" | ", others.Select(_ => ""))} |");

        output.WriteLine();
        foreach (var other in others)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step time {reference} / {other}: {Step(reference) / Step(other):F3} (images/s ratio {Step(other) / Step(reference):F3})"));
        }
    }

    private void LayerTable(Dictionary<string, List<PhaseProfile>> profiles)
    {
        var reference = sides[0];
        var layers = profiles[reference].SelectMany(p => p.LayersMs.Keys).Distinct().ToList();
        if (layers.Count == 0 || layerPasses == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"Median milliseconds per forward pass of each top-level layer (training mode, gradients recorded, {layerPasses} passes of one batch; by name, or by position where a side names its layers 0, 1, ...):");
        output.WriteLine();
        output.WriteLine($"| layer | {string.Join(" | ", sides)} |");
        output.WriteLine($"|---|{string.Concat(sides.Select(_ => "---:|"))}");
        for (var i = 0; i < layers.Count; i++)
        {
            var cells = sides.Select(s => Layer(profiles[s], layers, i) is { } times ? F(Median(times)) : "—");
            output.WriteLine($"| {layers[i]} | {string.Join(" | ", cells)} |");
        }
    }

    // The runtime names its layers (conv1, bn1, ...; torchvision's conv1, layer1, ...); a Sequential written by hand
    // names them 0, 1, ...: a side that shares no name with the reference is matched by position. A layer only one
    // side has (TorchSharp's ResNet has a flatten module, torchvision's flattens inside forward) reads "—".
    private static List<double>? Layer(List<PhaseProfile> runs, List<string> reference, int index)
    {
        var names = runs.SelectMany(p => p.LayersMs.Keys).ToHashSet(StringComparer.Ordinal);
        if (names.Overlaps(reference))
        {
            return names.Contains(reference[index]) ? [.. runs.Select(p => p.LayersMs[reference[index]])] : null;
        }

        return [.. runs.Select(p => p.LayersMs.Values.ElementAtOrDefault(index))];
    }

    private PhaseProfile RunSide(string side)
    {
        ProcessStartInfo start;
        if (side == "pytorch")
        {
            start = new ProcessStartInfo("/usr/bin/python3");
            foreach (var argument in new[] { script, "--model", settings.Model, "--epochs", Text(settings.Epochs), "--threads", Text(settings.Threads), "--batch", Text(settings.BatchSize), "--seed", Text(settings.Seed), "--data", settings.DataDirectory, "--images", Text(settings.Images), "--size", Text(settings.ImageSize), "--warmup", Text(warmupSteps), "--layer-passes", Text(layerPasses) })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start = Driver.WorkerStart(settings, side);
            foreach (var argument in new[] { "--profile", "1", "--warmup", Text(warmupSteps), "--layer-passes", Text(layerPasses) })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var variable in Driver.TunedMalloc.Keys.Concat(["HYP_OMP_WAIT", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT"]))
        {
            start.Environment.Remove(variable);
        }

        // The runtime sets the thresholds itself (mallopt); the others get them from glibc's variables.
        start.Environment["HYP_MALLOC_TUNING"] = "1";
        if (side != "runtime")
        {
            foreach (var (name, value) in Driver.TunedMalloc)
            {
                start.Environment[name] = value;
            }
        }

        switch (ompWait)
        {
            case "passive":
                // The runtime leaves a user's OMP_WAIT_POLICY as it is, so one variable sets every side.
                start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
                break;
            case "spin":
                // libgomp's default (about 300,000 spins before sleeping): the runtime's active, the others' unset.
                start.Environment["HYP_OMP_WAIT"] = "active";
                break;
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {start.FileName}.");
        var errors = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = lines.Split('\n').FirstOrDefault(l => l.StartsWith("PROFILE ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{side} printed no PROFILE line (exit code {process.ExitCode}):\n{lines}\n{errors.Result}");
        return JsonSerializer.Deserialize<PhaseProfile>(line["PROFILE ".Length..])! with { Side = side };
    }

    private static string F(double milliseconds) => milliseconds.ToString("F3", CultureInfo.InvariantCulture);

    private static string Signed(double milliseconds) => milliseconds.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
