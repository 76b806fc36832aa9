using System.Globalization;
using HyperDsl.Bench.Training;

// dotnet run -c Release --project bench/HyperDsl.Bench.Training -- [--data DIR] [--epochs 3] [--rounds 5] [--threads 2]
//     [--batch 128] [--seed 0] [--sides runtime,runtime-untuned,torchsharp,pytorch,pytorch-tuned] [--pytorch-script PATH]
//     [--model cnn|resnet18] [--images 256] [--size 112]  resnet18: torchvision's ResNet-18 on synthetic images (batch default 32, script bench/pytorch_resnet.py)
//     [--spin-count N]  the GOMP_SPINCOUNT of side runtime-bounded (default: auto's, OpenMpWaitPlan.BoundedSpinCount)
//     [--contention 1]  each side idle and beside one competing busy process (default sides runtime,runtime-active,runtime-bounded,runtime-passive,pytorch)
// --profile 1 [--omp-wait passive|spin|each] [--warmup 20] [--layer-passes 20]  where the time of one training step goes:
//     ms per step of each phase (StepPhase) on sides runtime (Trainer.Fit itself), torchsharp and pytorch (bench/pytorch_profile.py),
//     every side with the runtime's malloc thresholds and under one OpenMP wait (default passive), then ms per forward pass of each layer.
// --spin-check 1 prints the CPU time LibTorch's OpenMP threads burn while idle (set HYP_OMP_WAIT to compare policies).
// Internal: --worker runtime|torchsharp runs one side in this process and prints "RESULT {json}".
var options = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--epochs"] = "3",
    ["--rounds"] = "5",
    ["--threads"] = "2",
    ["--model"] = "cnn",
    ["--images"] = "256",
    ["--size"] = "112",
    ["--seed"] = "0",
    ["--contention"] = "0",
    ["--profile"] = "0",
    ["--warmup"] = "20",
    ["--layer-passes"] = "20",
    ["--omp-wait"] = "passive",
};
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"HyperDsl.Bench.Training: unexpected argument '{args[i]}'; options take a value: --data DIR --epochs N --rounds N --threads N --batch N --seed N --sides a,b --pytorch-script PATH --contention 0|1 --spin-check 1 --model cnn|resnet18 --images N --size N --spin-count N --profile 0|1 --omp-wait passive|spin|each --warmup N --layer-passes N.");
        return 2;
    }

    options[args[i]] = args[++i];
}

var root = FindRepositoryRoot();
var small = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "fashion-mnist-small"));
if (options["--model"] is not ("cnn" or "resnet18"))
{
    Console.Error.WriteLine($"HyperDsl.Bench.Training: unknown --model '{options["--model"]}'; the models are cnn and resnet18.");
    return 2;
}

var settings = new BenchSettings(
    options.GetValueOrDefault("--data") ?? (Directory.Exists(small) ? small : "/usr/share/datasets/fashion-mnist"),
    int.Parse(options["--epochs"], CultureInfo.InvariantCulture),
    int.Parse(options["--threads"], CultureInfo.InvariantCulture),
    int.Parse(options.GetValueOrDefault("--batch") ?? (options["--model"] == "resnet18" ? "32" : "128"), CultureInfo.InvariantCulture),
    int.Parse(options["--seed"], CultureInfo.InvariantCulture),
    options["--model"],
    int.Parse(options["--images"], CultureInfo.InvariantCulture),
    int.Parse(options["--size"], CultureInfo.InvariantCulture));

if (options.TryGetValue("--spin-check", out var check) && check == "1")
{
    return SpinCheck.Run(settings, Console.Out);
}

var profile = options["--profile"] == "1";
var warmup = int.Parse(options["--warmup"], CultureInfo.InvariantCulture);
var layerPasses = int.Parse(options["--layer-passes"], CultureInfo.InvariantCulture);
if (profile && options.TryGetValue("--worker", out var profiled))
{
    var phases = profiled switch
    {
        "runtime" => RuntimeProfile.Run(settings, warmup, layerPasses),
        "torchsharp" => HandWrittenSide.Run(settings, new PhaseClock(warmup), layerPasses).Profile!,
        _ => throw new ArgumentException($"Unknown worker '{profiled}'."),
    };
    Console.Out.WriteLine(phases.ToProfileLine());
    return 0;
}

if (options.TryGetValue("--worker", out var worker))
{
    var result = worker switch
    {
        "runtime" when settings.IsResNet => ResNetSide.Run(settings),
        "runtime" => RuntimeSide.Run(settings),
        "torchsharp" => HandWrittenSide.Run(settings),
        _ => throw new ArgumentException($"Unknown worker '{worker}'."),
    };
    Console.Out.WriteLine(result.ToResultLine());
    return 0;
}

if (profile)
{
    var profileSides = (options.GetValueOrDefault("--sides") ?? (settings.IsResNet ? "runtime,pytorch" : string.Join(',', ProfileDriver.ProfileSides))).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    if (profileSides.Except(ProfileDriver.ProfileSides).Any() || (settings.IsResNet && profileSides.Contains("torchsharp")))
    {
        Console.Error.WriteLine($"HyperDsl.Bench.Training: --profile 1 takes the sides {string.Join(", ", ProfileDriver.ProfileSides)} (resnet18: runtime, pytorch).");
        return 2;
    }

    if (!ProfileDriver.Waits.Contains(options["--omp-wait"]))
    {
        Console.Error.WriteLine($"HyperDsl.Bench.Training: --omp-wait is {string.Join(", ", ProfileDriver.Waits)}, not '{options["--omp-wait"]}'.");
        return 2;
    }

    var profileScript = options.GetValueOrDefault("--pytorch-script") ?? Path.Combine(root, "bench", "pytorch_profile.py");
    return new ProfileDriver(settings, int.Parse(options["--rounds"], CultureInfo.InvariantCulture), profileSides, profileScript, options["--omp-wait"], warmup, layerPasses, Console.Out).Run();
}

var contention = options["--contention"] == "1";
var sides = (options.GetValueOrDefault("--sides") ?? string.Join(',', contention ? Driver.ContentionSides : Driver.AllSides[..5])).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var unknown = sides.Except(Driver.AllSides).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"HyperDsl.Bench.Training: unknown side(s) {string.Join(", ", unknown)}; the sides are {string.Join(", ", Driver.AllSides)}.");
    return 2;
}

if (settings.IsResNet && sides.Any(s => s.StartsWith("torchsharp", StringComparison.Ordinal)))
{
    Console.Error.WriteLine("HyperDsl.Bench.Training: --model resnet18 has no hand-written torchsharp side.");
    return 2;
}

var script = options.GetValueOrDefault("--pytorch-script") ?? (settings.IsResNet
    ? Path.Combine(root, "bench", "pytorch_resnet.py")
    : Path.GetFullPath(Path.Combine(root, "..", "shared", "bench", "pytorch_cnn.py")));
var spinCount = int.Parse(options.GetValueOrDefault("--spin-count") ?? HyperDsl.Runtime.OpenMpWaitPlan.BoundedSpinCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
return new Driver(settings, int.Parse(options["--rounds"], CultureInfo.InvariantCulture), sides, script, contention, spinCount, Console.Out).Run();

static string FindRepositoryRoot()
{
    for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
    {
        if (File.Exists(Path.Combine(directory, "HyperDsl.sln")))
        {
            return directory;
        }
    }

    throw new InvalidOperationException("Cannot find the repository root (the folder with HyperDsl.sln).");
}
