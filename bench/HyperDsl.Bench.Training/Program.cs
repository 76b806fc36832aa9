using System.Globalization;
using HyperDsl.Bench.Training;

// dotnet run -c Release --project bench/HyperDsl.Bench.Training -- [--data DIR] [--epochs 3] [--rounds 5] [--threads 2]
//     [--batch 128] [--seed 0] [--sides runtime,runtime-untuned,torchsharp,pytorch,pytorch-tuned] [--pytorch-script PATH]
//     [--contention 1]  each side idle and beside one competing busy process (default sides runtime,runtime-active,runtime-bounded,runtime-passive,pytorch)
// --spin-check 1 prints the CPU time LibTorch's OpenMP threads burn while idle (set HYP_OMP_WAIT to compare policies).
// Internal: --worker runtime|torchsharp runs one side in this process and prints "RESULT {json}".
var options = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--epochs"] = "3",
    ["--rounds"] = "5",
    ["--threads"] = "2",
    ["--batch"] = "128",
    ["--seed"] = "0",
    ["--contention"] = "0",
};
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"HyperDsl.Bench.Training: unexpected argument '{args[i]}'; options take a value: --data DIR --epochs N --rounds N --threads N --batch N --seed N --sides a,b --pytorch-script PATH --contention 0|1 --spin-check 1.");
        return 2;
    }

    options[args[i]] = args[++i];
}

var root = FindRepositoryRoot();
var small = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "fashion-mnist-small"));
var settings = new BenchSettings(
    options.GetValueOrDefault("--data") ?? (Directory.Exists(small) ? small : "/usr/share/datasets/fashion-mnist"),
    int.Parse(options["--epochs"], CultureInfo.InvariantCulture),
    int.Parse(options["--threads"], CultureInfo.InvariantCulture),
    int.Parse(options["--batch"], CultureInfo.InvariantCulture),
    int.Parse(options["--seed"], CultureInfo.InvariantCulture));

if (options.TryGetValue("--spin-check", out var check) && check == "1")
{
    return SpinCheck.Run(settings, Console.Out);
}

if (options.TryGetValue("--worker", out var worker))
{
    var result = worker switch
    {
        "runtime" => RuntimeSide.Run(settings),
        "torchsharp" => HandWrittenSide.Run(settings),
        _ => throw new ArgumentException($"Unknown worker '{worker}'."),
    };
    Console.Out.WriteLine(result.ToResultLine());
    return 0;
}

var contention = options["--contention"] == "1";
var sides = (options.GetValueOrDefault("--sides") ?? string.Join(',', contention ? Driver.ContentionSides : Driver.AllSides[..5])).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var unknown = sides.Except(Driver.AllSides).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"HyperDsl.Bench.Training: unknown side(s) {string.Join(", ", unknown)}; the sides are {string.Join(", ", Driver.AllSides)}.");
    return 2;
}

var script = options.GetValueOrDefault("--pytorch-script") ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "bench", "pytorch_cnn.py"));
return new Driver(settings, int.Parse(options["--rounds"], CultureInfo.InvariantCulture), sides, script, contention, Console.Out).Run();

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
