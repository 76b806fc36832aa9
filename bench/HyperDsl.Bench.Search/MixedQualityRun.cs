using System.Globalization;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Gp;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Bench.Search;

/// <summary>
/// Search quality on <see cref="MixedSpace"/> (categorical branches, conditional parameters): the
/// best value after B trials, median and interquartile range over seeds, ours and Optuna's
/// (optuna_mixed_quality.py, in the same invocation).
/// </summary>
internal static class MixedQualityRun
{
    public static void Run(TextWriter output, string script, int seeds, int trials, int[] budgets, bool withOptuna, IReadOnlyCollection<string>? only = null)
    {
        var samplers = new Dictionary<string, Func<int, ISampler>>
        {
            ["tpe"] = seed => new TpeSampler(seed, StudyDirection.Minimize),
            ["tpe_mv"] = seed => new TpeSampler(seed, StudyDirection.Minimize, new TpeOptions(Multivariate: true), MixedSpace.Declared),
            ["gp"] = seed => new GpSampler(seed, [StudyDirection.Minimize], null, MixedSpace.Declared),
            ["random"] = seed => new RandomSampler(seed),
        };

        output.WriteLine($"Mixed space (3 branches, conditional parameters; optimum 0, decoy branch at 0.5): best after B trials, median [25th, 75th percentile] over {seeds} seeds from 0.");
        foreach (var (name, create) in samplers.Where(s => only is null || only.Contains(s.Key)))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var bests = Enumerable.Range(0, seeds).Select(seed => BestAfter(create(seed), trials, budgets)).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hyperdsl mixed     {name,-7} {watch.Elapsed.TotalMilliseconds / (seeds * trials):F1} ms per trial on average over {trials} trials"));
            foreach (var budget in budgets)
            {
                double[] values = [.. bests.Select(b => b[budget])];
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"hyperdsl mixed     {name,-7} n={budget,3}: median {Quantile(values, 0.5):F4}  IQR [{Quantile(values, 0.25):F4}, {Quantile(values, 0.75):F4}]"));
            }
        }

        if (!withOptuna)
        {
            return;
        }

        using var json = SharedBenchScript.Run(script, "optuna_mixed_quality.json", ["--seeds", $"{seeds}", "--trials", $"{trials}", "--budgets", string.Join(",", budgets), "--jobs", "2"]);
        foreach (var row in json.RootElement.GetProperty("summary").EnumerateArray())
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"optuna   mixed     {row.GetProperty("sampler").GetString(),-7} n={row.GetProperty("budget").GetInt32(),3}: median {row.GetProperty("median").GetDouble():F4}  IQR [{row.GetProperty("q25").GetDouble():F4}, {row.GetProperty("q75").GetDouble():F4}]"));
        }
    }

    private static Dictionary<int, double> BestAfter(ISampler sampler, int trials, int[] budgets)
    {
        var history = new List<TrialRecord>(trials);
        for (var i = 0; i < trials; i++)
        {
            var values = new Dictionary<string, object>();
            var value = MixedSpace.Evaluate(sampler.StartTrial(history, i), values);
            history.Add(new TrialRecord(i, values, TrialState.Complete, value));
        }

        return budgets.ToDictionary(b => b, b => history.Take(b).Min(t => t.Value!.Value));
    }

    // The same interpolated quantile as the Optuna scripts' q().
    private static double Quantile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var k = (sorted.Length - 1) * p;
        var (f, c) = ((int)Math.Floor(k), (int)Math.Ceiling(k));
        return sorted[f] + ((sorted[c] - sorted[f]) * (k - f));
    }
}
