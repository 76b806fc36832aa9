using System.Globalization;
using System.Diagnostics;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Gp;
using HyperDsl.Runtime.Search.Nsga2;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Bench.Search;

/// <summary>
/// Multi-objective search quality on ZDT1 and ZDT2 (two objectives minimised), as
/// optuna_nsga2_quality.py measures it: the hypervolume of the first B trials' values up to the
/// reference point (1.1, 11), median and interquartile range over seeds, ours and Optuna 3.1's.
/// The Gaussian process refits two processes on 30 inputs for every trial, so it runs to
/// <c>gpTrials</c> only, and its mean ask time over the last ten of them is printed.
/// </summary>
internal static class ParetoQualityRun
{
    private static readonly double[] Reference = [1.1, 11];

    /// <param name="output">Where the table goes.</param>
    /// <param name="script">optuna_nsga2_quality.py.</param>
    /// <param name="seeds">How many seeds, from 0.</param>
    /// <param name="trials">Trials per study.</param>
    /// <param name="budgets">The budgets to report.</param>
    /// <param name="dims">ZDT's number of variables.</param>
    /// <param name="population">NSGA-II's population, on both sides.</param>
    /// <param name="withOptuna">Whether to run Optuna's side.</param>
    /// <param name="gpTrials">Trials the Gaussian process runs to (budgets beyond it are not reported for it); 0 leaves it out.</param>
    /// <param name="only">Our samplers to run (all when null).</param>
    /// <param name="optunaTpe">Whether Optuna's side runs its (multi-objective) TPE too: about 50 s per 100-trial study and 7 min per 300-trial one on 2 cores, so hours for 20 seeds.</param>
    public static void Run(TextWriter output, string script, int seeds, int trials, int[] budgets, int dims, int population, bool withOptuna, int gpTrials = 100, IReadOnlyCollection<string>? only = null, bool optunaTpe = false)
    {
        StudyDirection[] directions = [StudyDirection.Minimize, StudyDirection.Minimize];
        var space = Enumerable.Range(0, dims).Select(j => (ParameterSpace)new FloatSpace($"x{j}", 0, 1, false, null, null)).ToList();
        var samplers = new Dictionary<string, Func<int, ISampler>>
        {
            ["nsga2"] = seed => new Nsga2Sampler(seed, directions, new Nsga2Options(Population: population)),
            ["nsga2_sbx"] = seed => new Nsga2Sampler(seed, directions, new Nsga2Options(Population: population, Crossover: Nsga2Crossover.SimulatedBinary)),
            ["tpe"] = seed => new TpeSampler(seed, directions, null, space),
            ["random"] = seed => new RandomSampler(seed),
        };
        if (gpTrials > 0)
        {
            samplers["gp"] = seed => new GpSampler(seed, directions, null, space);
        }

        output.WriteLine($"Hypervolume (reference (1.1, 11)) after B trials, ZDT on {dims} variables, NSGA-II population {population}; median [25th, 75th percentile] over seeds 0..{seeds - 1} (larger is better).");
        foreach (var function in new[] { "zdt1", "zdt2" })
        {
            foreach (var (name, create) in samplers.Where(s => only is null || only.Contains(s.Key)))
            {
                var length = name == "gp" ? gpTrials : trials;
                var reported = budgets.Where(b => b <= length).ToArray();
                var asks = new List<double>();
                var volumes = Enumerable.Range(0, seeds).Select(seed => HypervolumesAfter(function, create(seed), dims, length, reported, asks)).ToList();
                foreach (var budget in reported)
                {
                    output.WriteLine(Row("hyperdsl", function, name, budget, [.. volumes.Select(v => v[budget])]));
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hyperdsl {function,-4} {name,-9} ask time at trials {length - 10}..{length - 1}: mean {asks.Average():F1} ms over {seeds} seeds"));
                output.Flush();
            }
        }

        if (!withOptuna)
        {
            return;
        }

        using var json = SharedBenchScript.Run(script, "optuna_nsga2_quality.json",
            ["--seeds", $"{seeds}", "--trials", $"{trials}", "--budgets", string.Join(",", budgets), "--dims", $"{dims}", "--population", $"{population}", "--jobs", "1", "--samplers", optunaTpe ? "nsga2,tpe,random" : "nsga2,random"]);
        foreach (var row in json.RootElement.GetProperty("summary").EnumerateArray())
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"optuna   {row.GetProperty("function").GetString(),-4} {row.GetProperty("sampler").GetString(),-9} n={row.GetProperty("budget").GetInt32(),3}: median {row.GetProperty("median").GetDouble():F4}  IQR [{row.GetProperty("q25").GetDouble():F4}, {row.GetProperty("q75").GetDouble():F4}]"));
        }
    }

    // asks: the time of each of the last ten asks (start and suggestions) is added to it.
    private static Dictionary<int, double> HypervolumesAfter(string function, ISampler sampler, int dims, int trials, int[] budgets, List<double> asks)
    {
        var history = new List<TrialRecord>(trials);
        for (var i = 0; i < trials; i++)
        {
            var clock = Stopwatch.StartNew();
            var trial = sampler.StartTrial(history, i);
            var parameters = new Dictionary<string, object>(dims);
            var x = new double[dims];
            for (var j = 0; j < dims; j++)
            {
                parameters[$"x{j}"] = x[j] = trial.SuggestFloat($"x{j}", 0, 1);
            }

            if (i >= trials - 10)
            {
                asks.Add(clock.Elapsed.TotalMilliseconds);
            }

            var g = 1 + (9 * x.Skip(1).Sum() / (dims - 1));
            double[] values = [x[0], function == "zdt1" ? g * (1 - Math.Sqrt(x[0] / g)) : g * (1 - Math.Pow(x[0] / g, 2))];
            history.Add(new TrialRecord(i, parameters, TrialState.Complete, values[0]) { Values = values });
        }

        return budgets.ToDictionary(b => b, b => Hypervolume.Of(history.Take(b).Select(t => t.Values!), Reference));
    }

    private static string Row(string side, string function, string sampler, int budget, double[] values) =>
        string.Create(CultureInfo.InvariantCulture, $"{side,-8} {function,-4} {sampler,-9} n={budget,3}: median {Quantile(values, 0.5):F4}  IQR [{Quantile(values, 0.25):F4}, {Quantile(values, 0.75):F4}]");

    // The same interpolated quantile as optuna_nsga2_quality.py's q().
    private static double Quantile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var k = (sorted.Length - 1) * p;
        var (f, c) = ((int)Math.Floor(k), (int)Math.Ceiling(k));
        return sorted[f] + ((sorted[c] - sorted[f]) * (k - f));
    }
}
