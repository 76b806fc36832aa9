using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Bench.Search;

/// <summary>
/// Trials per second of a study store shared by W worker processes, each running ask (read the
/// study, start a trial, record 6 random suggestions) and tell (finish it) with a trivial
/// objective: the store's throughput, as many workers see it. Ours on SQLite and PostgreSQL, and
/// Optuna's RDB storage (RandomSampler, the same space) on the same PostgreSQL and on SQLite.
/// </summary>
internal static class StoreThroughput
{
    public static void Run(TextWriter output, string self, IReadOnlyList<int> workerCounts, int perWorker, string postgresUrl, string optunaScript, bool withOptuna)
    {
        var folder = Directory.CreateTempSubdirectory("hyperdsl-bench-throughput-").FullName;
        try
        {
            output.WriteLine($"Trials per second of the store, {perWorker} trials per worker (random sampler, 6 parameters, trivial objective).");
            foreach (var workers in workerCounts)
            {
                var sqlite = Path.Combine(folder, $"w{workers}.db");
                var ours = new[] { ("sqlite", sqlite), ("postgresql", postgresUrl) }
                    .Select(b => (b.Item1, Ours(self, b.Item2, $"ours_{b.Item1}_{workers}", workers, perWorker)));
                foreach (var (backend, rate) in ours)
                {
                    output.WriteLine($"hyperdsl {backend,-10} workers={workers}: {rate,8:F1} trials/s");
                }

                if (withOptuna)
                {
                    foreach (var (backend, url) in new[] { ("sqlite", "sqlite:///" + Path.Combine(folder, $"optuna{workers}.db")), ("postgresql", postgresUrl.Replace("postgresql://", "postgresql+psycopg2://", StringComparison.Ordinal)) })
                    {
                        output.WriteLine($"optuna   {backend,-10} workers={workers}: {Optuna(optunaScript, url, $"optuna_{backend}_{workers}", workers, perWorker),8:F1} trials/s");
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One worker process: <paramref name="count"/> ask-and-tell rounds on the shared study.</summary>
    public static void Child(string location, string studyName, int count, int seed)
    {
        using var store = StudyStores.Open(location);
        var study = store.FindStudy(studyName) ?? throw new InvalidOperationException($"no study {studyName}");
        var sampler = new RandomSampler(seed);
        for (var i = 0; i < count; i++)
        {
            var history = store.Trials(study).Select(t => t.ToRecord()).ToList();
            var trial = store.CreateRunningTrial(study);
            var value = OverheadSpace.Evaluate(new StoreOverhead.StoredSuggestions(sampler.StartTrial(history, trial.Number), store, trial.Id), new Dictionary<string, object>(6));
            store.FinishTrial(trial.Id, TrialState.Complete, [value]);
        }
    }

    private static double Ours(string self, string location, string study, int workers, int perWorker)
    {
        using (var store = StudyStores.Open(location))
        {
            store.CreateStudy(study, [StudyDirection.Minimize]);
        }

        var clock = Stopwatch.StartNew();
        var children = Enumerable.Range(0, workers).Select(w => Start("dotnet", [self, "--throughput-child", location, study, perWorker.ToString(CultureInfo.InvariantCulture), w.ToString(CultureInfo.InvariantCulture)])).ToList();
        Wait(children);
        return workers * perWorker / clock.Elapsed.TotalSeconds;
    }

    private static double Optuna(string script, string url, string study, int workers, int perWorker)
    {
        using var process = Start("/usr/bin/python3", [script, "--storage", url, "--study", study, "--workers", workers.ToString(CultureInfo.InvariantCulture), "--trials-per-worker", perWorker.ToString(CultureInfo.InvariantCulture)], captureOutput: true);
        var text = process.StandardOutput.ReadToEnd();
        Wait([process]);
        using var result = JsonDocument.Parse(text.Trim().Split('\n')[^1]);
        return result.RootElement.GetProperty("trials_per_s").GetDouble();
    }

    private static Process Start(string program, IEnumerable<string> arguments, bool captureOutput = false)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = captureOutput };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
    }

    private static void Wait(IEnumerable<Process> processes)
    {
        foreach (var process in processes)
        {
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"a worker process failed with exit code {process.ExitCode}");
            }

            process.Dispose();
        }
    }
}
