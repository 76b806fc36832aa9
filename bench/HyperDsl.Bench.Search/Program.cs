using System.Diagnostics;
using System.Text.Json;
using HyperDsl.Bench.Search;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Tpe;

// usage: dotnet run -c Release --project bench/HyperDsl.Bench.Search -- [--trials 1000] [--sqlite] [--no-optuna]
//        dotnet run -c Release --project bench/HyperDsl.Bench.Search -- --quality [--seeds 20] [--first-seed 0] [--no-optuna] [--pareto (ZDT part only) [--gp-trials 100] [--optuna-tpe (hours)]] [--samplers gp,tpe_mv (ours; the Pareto part is skipped unless --pareto)]
//        dotnet run -c Release --project bench/HyperDsl.Bench.Search -- --mixed [--seeds 20] [--no-optuna] [--samplers gp,tpe] (the mixed space with branches alone; --quality runs it too)
//        dotnet run -c Release --project bench/HyperDsl.Bench.Search -- --gp-ask (the Gaussian process's ask time to 200 trials)
//        dotnet run -c Release --project bench/HyperDsl.Bench.Search -- --throughput [--workers 1,4,8] [--trials-per-worker 200] [--postgres URL] [--no-optuna]
var arguments = args.ToList();
if (arguments.Count == 5 && arguments[0] == "--throughput-child")
{
    StoreThroughput.Child(arguments[1], arguments[2], int.Parse(arguments[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(arguments[4], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

var root = FindRoot();
if (arguments.Contains("--throughput"))
{
    var workerCounts = arguments.IndexOf("--workers") is var wi and >= 0 ? arguments[wi + 1].Split(',').Select(w => int.Parse(w, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [1, 4, 8];
    var perWorker = arguments.IndexOf("--trials-per-worker") is var pi and >= 0 ? int.Parse(arguments[pi + 1], System.Globalization.CultureInfo.InvariantCulture) : 200;
    var self = typeof(StoreThroughput).Assembly.Location;
    var script = Path.Combine(root, "bench", "HyperDsl.Bench.Search", "optuna_store_throughput.py");
    if (arguments.IndexOf("--postgres") is var gi and >= 0)
    {
        StoreThroughput.Run(Console.Out, self, workerCounts, perWorker, arguments[gi + 1], script, !arguments.Contains("--no-optuna"));
    }
    else
    {
        // No server given: a private one for the run, as the tests start it.
        using var server = new HyperDsl.TestKit.PostgresServer();
        StoreThroughput.Run(Console.Out, self, workerCounts, perWorker, server.Url(server.CreateDatabase()), script, !arguments.Contains("--no-optuna"));
    }

    return 0;
}

if (arguments.Contains("--mixed"))
{
    var seeds = arguments.IndexOf("--seeds") is var si and >= 0 ? int.Parse(arguments[si + 1], System.Globalization.CultureInfo.InvariantCulture) : 20;
    var only = arguments.IndexOf("--samplers") is var oi and >= 0 ? arguments[oi + 1].Split(',') : null;
    MixedQualityRun.Run(Console.Out, Path.Combine(root, "bench", "HyperDsl.Bench.Search", "optuna_mixed_quality.py"), seeds, 100, [30, 50, 100], !arguments.Contains("--no-optuna"), only);
    return 0;
}

if (arguments.Contains("--quality"))
{
    var seeds = arguments.IndexOf("--seeds") is var si and >= 0 ? int.Parse(arguments[si + 1], System.Globalization.CultureInfo.InvariantCulture) : 20;
    var firstSeed = arguments.IndexOf("--first-seed") is var fi and >= 0 ? int.Parse(arguments[fi + 1], System.Globalization.CultureInfo.InvariantCulture) : 0;
    var only = arguments.IndexOf("--samplers") is var oi and >= 0 ? arguments[oi + 1].Split(',') : null;
    if (!arguments.Contains("--pareto"))
    {
        QualityRun.Run(Console.Out, Path.Combine(root, "..", "shared", "bench", "optuna_quality.py"), firstSeed, seeds, 100, [30, 50, 100], !arguments.Contains("--no-optuna"), only);
        MixedQualityRun.Run(Console.Out, Path.Combine(root, "bench", "HyperDsl.Bench.Search", "optuna_mixed_quality.py"), seeds, 100, [30, 50, 100], !arguments.Contains("--no-optuna") && firstSeed == 0, only);
    }

    if (only is not null && !arguments.Contains("--pareto"))
    {
        return 0;
    }

    // Several objectives: NSGA-II, TPE and GP against Optuna's NSGA-II and TPE on ZDT1 and ZDT2 (seeds from 0; GP to 100 trials only, --gp-trials to change).
    var gpTrials = arguments.IndexOf("--gp-trials") is var gi and >= 0 ? int.Parse(arguments[gi + 1], System.Globalization.CultureInfo.InvariantCulture) : 100;
    ParetoQualityRun.Run(Console.Out, Path.Combine(root, "bench", "HyperDsl.Bench.Search", "optuna_nsga2_quality.py"), seeds, 300, [100, 300], dims: 30, population: 20, !arguments.Contains("--no-optuna"), gpTrials, only, arguments.Contains("--optuna-tpe"));
    return 0;
}

if (arguments.Contains("--gp-ask"))
{
    // The Gaussian process refits for every trial, so its ask time grows with the trials: measured
    // on the same 6-parameter mixed space, to 200 trials (a whole study first, discarded, to warm up).
    static ISampler Gp(int seed) => new HyperDsl.Runtime.Search.Gp.GpSampler(seed, [StudyDirection.Minimize], null, OverheadSpace.Declared);
    Measure(Gp(1), 200);
    var gpTimes = Measure(Gp(0), 200);
    Console.Out.WriteLine("Ask + 6 suggests + tell per trial, in memory; ms per trial (cum = mean over 1..N, at = mean over N-9..N).");
    int[] gpSizes = [50, 100, 200];
    Console.Out.WriteLine("hyperdsl gp     " + string.Concat(gpSizes.Select(s => $"  N={s}: cum {Cum(gpTimes, s):F1} at {At(gpTimes, s):F1}")));

    // One ask after 1,000 trials (random ones, to build the history quickly): where HYP4111 warns.
    var random = new RandomSampler(0);
    var longHistory = new List<TrialRecord>(1000);
    for (var i = 0; i < 1000; i++)
    {
        var values = new Dictionary<string, object>(6);
        longHistory.Add(new TrialRecord(i, values, TrialState.Complete, OverheadSpace.Evaluate(random.StartTrial(longHistory, i), values)));
    }

    var askStart = Stopwatch.GetTimestamp();
    OverheadSpace.Evaluate(Gp(0).StartTrial(longHistory, 1000), new Dictionary<string, object>(6));
    Console.Out.WriteLine($"hyperdsl gp       one ask after 1000 trials: {Stopwatch.GetElapsedTime(askStart).TotalMilliseconds:F0} ms");
    return 0;
}

var trials = arguments.IndexOf("--trials") is var t and >= 0 ? int.Parse(arguments[t + 1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var withOptuna = !arguments.Contains("--no-optuna");
var sqlite = arguments.Contains("--sqlite");
Func<ISampler, int, double[]> measure = sqlite ? StoreOverhead.Measure : Measure;
int[] allSizes = [100, 500, 1000, 5000];
int[] sizes = [.. allSizes.Where(s => s <= trials)];

Console.Out.WriteLine($"Ask + 6 suggests + tell per trial, {trials} trials, {(sqlite ? "in a SQLite study store" : "in memory")}; ms per trial (cum = mean over 1..N, at = mean over N-9..N).");

// Warm-up: a whole study of the same size per TPE variant, discarded, so the timed ones run fully optimised code.
static ISampler Tpe(int seed) => new TpeSampler(seed, StudyDirection.Minimize);
static ISampler TpeMultivariate(int seed) => new TpeSampler(seed, StudyDirection.Minimize, new TpeOptions(Multivariate: true), OverheadSpace.Declared);
measure(Tpe(1), trials);
measure(TpeMultivariate(1), trials);
var ours = new Dictionary<string, double[]>
{
    ["tpe"] = measure(Tpe(0), trials),
    ["tpe_mv"] = measure(TpeMultivariate(0), trials),
    ["random"] = measure(new RandomSampler(0), trials),
    ["nsga2"] = measure(new HyperDsl.Runtime.Search.Nsga2.Nsga2Sampler(0, [StudyDirection.Minimize]), trials),
};
foreach (var (name, times) in ours)
{
    Console.Out.WriteLine($"hyperdsl {name,-7}" + string.Concat(sizes.Select(s => $"  N={s}: cum {Cum(times, s):F3} at {At(times, s):F3}")));
}

if (!withOptuna)
{
    return 0;
}

var optuna = RunOptuna(Path.Combine(root, "..", "shared", "bench", "optuna_overhead.py"), Math.Min(trials, 1000), sqlite ? "sqlite" : "memory");
foreach (var (name, times) in ours)
{
    if (!optuna.TryGetValue(name, out var theirs))
    {
        continue;
    }

    Console.Out.WriteLine($"optuna   {name,-7}" + string.Concat(sizes.Where(s => theirs.ContainsKey($"at_ms@{s}")).Select(s => $"  N={s}: cum {theirs[$"cum_ms@{s}"]:F3} at {theirs[$"at_ms@{s}"]:F3}")));
    Console.Out.WriteLine($"ratio    {name,-7}" + string.Concat(sizes.Where(s => theirs.ContainsKey($"at_ms@{s}")).Select(s => $"  N={s}: optuna/hyperdsl at {theirs[$"at_ms@{s}"] / At(times, s):F0}x")));
}

return 0;

static double[] Measure(ISampler sampler, int count)
{
    var history = new List<TrialRecord>(count);
    var times = new double[count];
    for (var i = 0; i < count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        var values = new Dictionary<string, object>(6);
        var value = OverheadSpace.Evaluate(sampler.StartTrial(history, i), values);
        history.Add(new TrialRecord(i, values, TrialState.Complete, value));
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    return times;
}

static double Cum(double[] times, int n) => times.Take(n).Average();

static double At(double[] times, int n) => times.Skip(n - 10).Take(10).Average();

static Dictionary<string, Dictionary<string, double>> RunOptuna(string script, int trials, string storage)
{
    using var json = SharedBenchScript.Run(script, "optuna_overhead.json", ["--trials", trials.ToString(System.Globalization.CultureInfo.InvariantCulture), "--samplers", "tpe,tpe_mv,random", "--storages", storage]);
    return json.RootElement.GetProperty("results").EnumerateArray().ToDictionary(
        r => r.GetProperty("sampler").GetString()!,
        r => r.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetDouble()));
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "HyperDsl.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the repository.");
}
