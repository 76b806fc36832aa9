using System.Globalization;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.CmaEs;
using HyperDsl.Runtime.Search.Gp;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Bench.Search;

/// <summary>
/// Search quality on Branin (2-D) and Hartmann-6, as shared/bench/optuna_quality.py measures it:
/// the best value after B trials, median and interquartile range over seeds, ours and Optuna's.
/// </summary>
internal static class QualityRun
{
    private const double BraninMin = 0.397887357729739;
    private const double Hartmann6Min = -3.32236801141551;

    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[][] A =
    [
        [10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14],
    ];

    private static readonly double[][] P =
    [
        [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
        [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
    ];

    /// <param name="output">Where the table goes.</param>
    /// <param name="script">optuna_quality.py.</param>
    /// <param name="firstSeed">Our side's first seed; Optuna's script always starts at 0, so it runs only when this is 0.</param>
    /// <param name="seeds">How many seeds.</param>
    /// <param name="trials">Trials per study.</param>
    /// <param name="budgets">The budgets to report.</param>
    /// <param name="withOptuna">Whether to run Optuna's side.</param>
    /// <param name="only">Our samplers to run (all when null).</param>
    public static void Run(TextWriter output, string script, int firstSeed, int seeds, int trials, int[] budgets, bool withOptuna, IReadOnlyCollection<string>? only = null)
    {
        string[] functions = ["branin", "hartmann6"];
        var samplers = new Dictionary<string, Func<int, string[], ISampler>>
        {
            ["tpe"] = (seed, _) => new TpeSampler(seed, StudyDirection.Minimize),
            ["tpe_mv"] = (seed, names) => new TpeSampler(seed, StudyDirection.Minimize, new TpeOptions(Multivariate: true), Space(names)),
            ["sobol"] = (seed, names) => new SobolSampler(seed, names),
            ["cmaes"] = (seed, names) => new CmaEsSampler(seed, [StudyDirection.Minimize], null, Space(names)),
            ["gp"] = (seed, names) => new GpSampler(seed, [StudyDirection.Minimize], null, Space(names)),
            ["random"] = (seed, _) => new RandomSampler(seed),
        };

        output.WriteLine($"Best value after B trials, median [25th, 75th percentile] over {seeds} seeds from {firstSeed} (minimisation).");
        foreach (var function in functions)
        {
            foreach (var (name, create) in samplers.Where(s => only is null || only.Contains(s.Key)))
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var bests = Enumerable.Range(firstSeed, seeds).Select(seed => BestAfter(function, create(seed, Names(function)), trials, budgets)).ToList();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hyperdsl {function,-9} {name,-7} {watch.Elapsed.TotalMilliseconds / (seeds * trials):F1} ms per trial on average over {trials} trials"));
                foreach (var budget in budgets)
                {
                    Print(output, "hyperdsl", function, name, budget, [.. bests.Select(b => b[budget])]);
                }
            }
        }

        if (!withOptuna)
        {
            return;
        }

        if (firstSeed != 0)
        {
            output.WriteLine("optuna   (not run: optuna_quality.py always uses seeds 0..N-1)");
            return;
        }

        foreach (var row in RunOptuna(script, seeds, trials, budgets))
        {
            output.WriteLine($"optuna   {row}");
        }
    }

    private static ParameterSpace[] Space(string[] names) =>
        names.Length == 2
            ? [new FloatSpace("x1", -5, 10, false, null, null), new FloatSpace("x2", 0, 15, false, null, null)]
            : [.. names.Select(n => new FloatSpace(n, 0, 1, false, null, null))];

    private static string[] Names(string function) => function == "branin" ? ["x1", "x2"] : [.. Enumerable.Range(0, 6).Select(j => $"x{j}")];

    private static Dictionary<int, double> BestAfter(string function, ISampler sampler, int trials, int[] budgets)
    {
        var history = new List<TrialRecord>(trials);
        for (var i = 0; i < trials; i++)
        {
            var trial = sampler.StartTrial(history, i);
            var values = new Dictionary<string, object>();
            double value;
            if (function == "branin")
            {
                var x1 = trial.SuggestFloat("x1", -5, 10);
                var x2 = trial.SuggestFloat("x2", 0, 15);
                (values["x1"], values["x2"]) = (x1, x2);
                value = Branin(x1, x2);
            }
            else
            {
                var x = new double[6];
                for (var j = 0; j < 6; j++)
                {
                    x[j] = trial.SuggestFloat($"x{j}", 0, 1);
                    values[$"x{j}"] = x[j];
                }

                value = Hartmann6(x);
            }

            history.Add(new TrialRecord(i, values, TrialState.Complete, value));
        }

        return budgets.ToDictionary(b => b, b => history.Take(b).Min(t => t.Value!.Value));
    }

    /// <summary>Branin, the 2-D function both quality runs use (the mixed space scales it for one of its branches).</summary>
    internal static double Branin(double x1, double x2)
    {
        const double B = 5.1 / (4 * Math.PI * Math.PI);
        const double C = 5 / Math.PI;
        const double T = 1 / (8 * Math.PI);
        var inner = x2 - (B * x1 * x1) + (C * x1) - 6;
        return (inner * inner) + (10 * (1 - T) * Math.Cos(x1)) + 10;
    }

    private static double Hartmann6(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var exponent = 0.0;
            for (var j = 0; j < 6; j++)
            {
                exponent += A[i][j] * (x[j] - P[i][j]) * (x[j] - P[i][j]);
            }

            sum += Alpha[i] * Math.Exp(-exponent);
        }

        return -sum;
    }

    private static void Print(TextWriter output, string side, string function, string sampler, int budget, double[] values)
    {
        var optimum = function == "branin" ? BraninMin : Hartmann6Min;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{side,-8} {function,-9} {sampler,-7} n={budget,3}: median {Quantile(values, 0.5):F4}  IQR [{Quantile(values, 0.25):F4}, {Quantile(values, 0.75):F4}]  (optimum {optimum:F5})"));
    }

    // The same interpolated quantile as optuna_quality.py's q().
    private static double Quantile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var k = (sorted.Length - 1) * p;
        var (f, c) = ((int)Math.Floor(k), (int)Math.Ceiling(k));
        return sorted[f] + ((sorted[c] - sorted[f]) * (k - f));
    }

    private static IEnumerable<string> RunOptuna(string script, int seeds, int trials, int[] budgets)
    {
        using var json = SharedBenchScript.Run(script, "optuna_quality.json", ["--seeds", $"{seeds}", "--trials", $"{trials}", "--budgets", string.Join(",", budgets), "--samplers", "tpe,tpe_mv,random,cmaes", "--jobs", "2"]);
        foreach (var row in json.RootElement.GetProperty("summary").EnumerateArray())
        {
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"{row.GetProperty("function").GetString(),-9} {row.GetProperty("sampler").GetString(),-7} n={row.GetProperty("budget").GetInt32(),3}: median {row.GetProperty("median").GetDouble():F4}  IQR [{row.GetProperty("q25").GetDouble():F4}, {row.GetProperty("q75").GetDouble():F4}]");
        }
    }
}
