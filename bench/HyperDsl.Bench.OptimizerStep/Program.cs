using System.Diagnostics;
using System.Globalization;
using HyperDsl.Runtime;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

// dotnet run -c Release --project bench/HyperDsl.Bench.OptimizerStep -- [--steps 200] [--rounds 5] [--threads 2]
// Times one optimizer step (issue 20) over the parameters of bench/HyperDsl.Bench.Training's reference
// CNN with fixed gradients: TorchSharp's optimizer (the baseline) and HyperDsl's, alternated round by
// round, each round's steps timed together; prints the median microseconds per step and the ratio.
var options = new Dictionary<string, int>(StringComparer.Ordinal) { ["--steps"] = 200, ["--rounds"] = 5, ["--threads"] = 2 };
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (!options.ContainsKey(args[i]) || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value < 1)
    {
        Console.Error.WriteLine($"HyperDsl.Bench.OptimizerStep: unexpected argument '{args[i]}'; the options are --steps N --rounds N --threads N.");
        return 2;
    }

    options[args[i]] = value;
}

TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: options["--threads"]));
// Each of HyperDsl's optimizers beside TorchSharp's with the same settings (the runtime's before issue 20).
(OptimizerSpec Spec, Func<IEnumerable<Parameter>, optim.Optimizer> TorchSharp)[] pairs =
[
    (OptimizerSpec.Sgd(lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-4), p => optim.SGD(p, 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-4)),
    (OptimizerSpec.Adam(lr: 1e-3), p => optim.Adam(p, 1e-3)),
    (OptimizerSpec.AdamW(lr: 1e-3), p => optim.AdamW(p, 1e-3)),
    (OptimizerSpec.RmsProp(lr: 1e-3, momentum: 0.5), p => optim.RMSProp(p, 1e-3, momentum: 0.5)),
];
Console.Out.WriteLine($"{"optimizer",-45} {"torchsharp µs",14} {"hyperdsl µs",12} {"ratio",6}");
foreach (var (spec, torchSharp) in pairs)
{
    using var model = new ModelBuilder(1, 28, 28)
        .Conv(32, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
        .Conv(64, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
        .Flatten().Dropout(0.25).Linear(128).Relu().Linear(10)
        .Build();
    var groups = LearningRateScale.Groups(model, null);
    foreach (var parameter in groups.SelectMany(g => g.Parameters))
    {
        parameter.grad = randn_like(parameter).mul_(1e-3);
    }

    using var ours = spec.Create(groups);
    using var theirs = torchSharp(groups.SelectMany(g => g.Parameters));
    Action torchSharpStep = () => theirs.step();
    Action hyperDslStep = ours.Step;
    var (baseline, measured) = (new List<double>(), new List<double>());
    for (var round = 0; round < options["--rounds"]; round++)
    {
        // The order alternates, so that neither side always runs on a warmer cache.
        var first = round % 2 == 0;
        var a = Time(first ? torchSharpStep : hyperDslStep, options["--steps"]);
        var b = Time(first ? hyperDslStep : torchSharpStep, options["--steps"]);
        baseline.Add(first ? a : b);
        measured.Add(first ? b : a);
    }

    var (median, medianBaseline) = (Median(measured), Median(baseline));
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec,-45} {medianBaseline,14:F1} {median,12:F1} {median / medianBaseline,6:F2}"));
}

return 0;

static double Time(Action step, int steps)
{
    step();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < steps; i++)
    {
        step();
    }

    return clock.Elapsed.TotalMicroseconds / steps;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
