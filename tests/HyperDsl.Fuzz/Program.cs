using System.CommandLine;
using System.Globalization;
using HyperDsl.Fuzz;
using HyperDsl.TestKit;

// The fuzzing campaign CI runs on every submission (.ci/run), and that anyone can run longer:
//   dotnet run --project tests/HyperDsl.Fuzz -- --seed 7 --count 200000
var seed = new Option<int>("--seed") { Description = "Fixes every input; a failure is reproduced by its seed and count.", DefaultValueFactory = _ => 1 };
var count = new Option<int>("--count") { Description = "How many mutated inputs to try.", DefaultValueFactory = _ => 10_000 };
var timeLimit = new Option<double>("--time-limit") { Description = "Seconds one input may take (a hang guard: checking any spec takes a few seconds at most on an idle machine).", DefaultValueFactory = _ => 15 };
var memoryLimit = new Option<int>("--memory-limit") { Description = "MiB one input may allocate.", DefaultValueFactory = _ => 1024 };
var compileBudget = new Option<int>("--compile") { Description = "How many distinct generated sources to compile with Roslyn.", DefaultValueFactory = _ => 100 };
var failures = new Option<string>("--failures") { Description = "Where failing inputs are written.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "hyperdsl-fuzz") };
var root = new RootCommand("Mutation fuzzing of the .hyp pipeline: parse, check, generate and compile, with per-input time and memory limits.")
{
    seed, count, timeLimit, memoryLimit, compileBudget, failures,
};
root.SetAction(parsed =>
{
    var corpus = Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Fuzz", "Corpus");
    var seeds = SeedSpecs.Load(RepositoryPaths.Examples, corpus);
    var settings = new FuzzSettings(parsed.GetValue(seed), parsed.GetValue(count), TimeSpan.FromSeconds(parsed.GetValue(timeLimit)),
        parsed.GetValue(memoryLimit) * (1L << 20), parsed.GetValue(compileBudget), parsed.GetValue(failures)!);
    var log = Console.Out;
    log.WriteLine($"fuzz: seed {settings.Seed}, {settings.Count} mutations of {seeds.Count} seed specs (examples and tests/HyperDsl.Fuzz/Corpus), limits {settings.TimeLimit.TotalSeconds:0.#} s and {settings.MaxAllocatedBytes >> 20} MiB per input");
    var report = new FuzzCampaign(settings, seeds, log).Run();
    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"fuzz: tried {report.Tried} inputs in {report.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", report.Outcomes.Select(o => $"{o.Value} {o.Key.ToString().ToLowerInvariant()}"))}"));
    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"fuzz: slowest {report.Slowest.TotalMilliseconds:0} ms ({report.SlowestOrigin}); most allocated by one input {report.MostAllocated >> 20} MiB"));
    if (report.Failures.Count > 0)
    {
        log.WriteLine($"fuzz: {report.Failures.Count} failures (inputs in {settings.FailuresDirectory}; add each, fixed, to tests/HyperDsl.Fuzz/Corpus). Reproduce with --seed {settings.Seed} --count {settings.Count}.");
        return 1;
    }

    log.WriteLine($"fuzz: no failures (seed {settings.Seed}, {report.Tried} inputs)");
    return 0;
});
return root.Parse(args).Invoke();
