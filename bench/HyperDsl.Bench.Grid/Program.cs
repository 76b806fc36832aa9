using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperDsl.Bench.Grid;

// The classic grid example end to end, side by side in one run:
//   ours:   `hyp run` (a fresh process: parse, check, generate, compile, load data, 16 trials, store)
//   theirs: ../shared/bench/seed_grid_resnet18.py (PyTorch + Optuna's grid sampler, the same 16 trials)
// usage: dotnet run -c Release --project bench/HyperDsl.Bench.Grid -- [--images 200] [--size 112] [--trials 16] [--threads 2] [--no-python]
var images = Option("--images", 200);
var size = Option("--size", 112);
var trials = Option("--trials", 16);
var threads = Option("--threads", 2);
var python = !args.Contains("--no-python");

var root = FindRoot();
var work = Directory.CreateTempSubdirectory("hyperdsl-grid-bench-").FullName;
var spec = Path.Combine(work, "grid.hyp");
File.WriteAllText(spec, GridSpec.From(File.ReadAllText(Path.Combine(root, "examples", "grid-resnet18-transfer.hyp")), images, size, trials));
Console.Out.WriteLine($"grid benchmark: {trials} trials, {images} images of {size}x{size}, {threads} threads; spec {spec}");

var ours = Time("dotnet", [Path.Combine(AppContext.BaseDirectory, "hyp.dll"), "run", spec], work, threads);
Console.Out.WriteLine($"hyp run:            {ours:F1} s wall (whole process: compile, data, {trials} trials, store)");
if (!python)
{
    return 0;
}

var script = Path.Combine(root, "..", "shared", "bench", "seed_grid_resnet18.py");
var outDir = Path.Combine(work, "python");
var theirsProcess = Time("/usr/bin/python3", [script, "--images", Text(images), "--size", Text(size), "--trials", Text(trials), "--threads", Text(threads)], work, threads, outDir);
using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results", $"resnet_grid_{size}.json")));
var theirsGrid = result.RootElement.GetProperty("grid_wall_s").GetDouble();
Console.Out.WriteLine($"PyTorch + Optuna:   {theirsProcess:F1} s wall (whole process), {theirsGrid:F1} s in study.optimize");
Console.Out.WriteLine($"ratio hyp / PyTorch+Optuna: {ours / theirsProcess:F3} (whole processes), {ours / theirsGrid:F3} (ours whole vs their optimize only; target <= 0.8)");
return 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

static double Time(string program, string[] arguments, string directory, int threads, string? benchOut = null)
{
    var start = new ProcessStartInfo(program) { WorkingDirectory = directory, UseShellExecute = false };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["OMP_NUM_THREADS"] = Text(threads);
    if (benchOut is not null)
    {
        start.Environment["BENCH_OUT"] = benchOut;
    }

    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.");
    }

    return clock.Elapsed.TotalSeconds;
}

static string FindRoot()
{
    for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
    {
        if (File.Exists(Path.Combine(directory, "HyperDsl.sln")))
        {
            return directory;
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the repository.");
}
