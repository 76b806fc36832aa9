using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using HyperDsl.Syntax;

namespace HyperDsl.Bench;

/// <summary>
/// <c>--quick</c>: a Stopwatch measurement for runs that cannot afford BenchmarkDotNet's minutes.
/// Each case is warmed up, then timed one parse at a time; the verdict is the clean spec's mean
/// against the budget. Coarser than BenchmarkDotNet (no pilot, no outlier removal, one process).
/// </summary>
/// <remarks>Warm-up is by count and by time, whichever ends later; see <see cref="WarmUp"/>.</remarks>
public static class QuickRun
{
    /// <summary>The issue's target for the 200-line spec, after warm-up.</summary>
    public const double BudgetMilliseconds = 20.0;

    /// <summary>Timed parses per case, unless <c>--runs N</c> says otherwise.</summary>
    public const int DefaultTimedParses = 200;

    /// <summary>Runs the quick measurement; returns 0 when the spec parses within budget, 1 otherwise.</summary>
    public static int Run(
        BenchmarkInputs inputs,
        TextWriter output,
        int warmupParses = WarmUp.DefaultParses,
        int warmupMilliseconds = WarmUp.DefaultMilliseconds,
        int timedParses = DefaultTimedParses,
        bool trace = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupParses);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupMilliseconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(timedParses, 1);

        output.WriteLine($"HyperDsl.Bench --quick: per case, warm up for at least {warmupParses} parses and {warmupMilliseconds} ms, then time {timedParses} parses");
        output.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {RuntimeInformationText()}");
        output.WriteLine(inputs.Summary());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Cold start (first parses in this process, during the input check): Parse {inputs.FirstParse.TotalMilliseconds:F1} ms "
            + $"(JIT compiling {inputs.FirstParseJitTime.TotalMilliseconds:F1} ms of it), then ParseWithErrors {inputs.FirstParseWithErrors.TotalMilliseconds:F1} ms"));
        output.WriteLine();

        var cases = new (string Name, Func<object> Parse)[]
        {
            ("JsonBaseline", () => { using var d = JsonDocument.Parse(inputs.Json); return d.RootElement.ValueKind; }),
            ("Parse", () => SyntaxTree.Parse(inputs.Spec, BenchmarkInputs.SpecFileName)),
            ("ParseWithErrors", () => SyntaxTree.Parse(inputs.SpecWithErrors, BenchmarkInputs.SpecFileName)),
        };

        var results = cases.Select(c => (c.Name, Stats: Measure(c.Parse, warmupParses, TimeSpan.FromMilliseconds(warmupMilliseconds), timedParses))).ToArray();
        if (trace)
        {
            // Every timed parse in order: shows whether the run still drifted (JIT tiering) or had GC spikes.
            foreach (var (name, stats) in results)
            {
                output.WriteLine($"{name} samples (ms): {string.Join(" ", stats.Samples.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}");
            }

            output.WriteLine();
        }

        var baseline = results[0].Stats.Mean;

        output.WriteLine("| Case            |  Mean (ms) | Median (ms) |    Min (ms) |    P95 (ms) |  Ratio | Warm-up parses |");
        output.WriteLine("|-----------------|-----------:|------------:|------------:|------------:|-------:|---------------:|");
        foreach (var (name, stats) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name,-15} | {stats.Mean,10:F4} | {stats.Median,11:F4} | {stats.Min,11:F4} | {stats.P95,11:F4} | {stats.Mean / baseline,6:F2} | {stats.WarmupParses,14} |"));
        }

        var parse = results[1].Stats.Mean;
        var withErrors = results[2].Stats.Mean;
        var pass = parse < BudgetMilliseconds;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ratio Parse/JsonBaseline: {parse / baseline:F2}x of the means ({results[1].Stats.Median / results[0].Stats.Median:F2}x of the medians); "
            + $"ParseWithErrors/Parse: {withErrors / parse:F2}x"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(pass ? "PASS" : "FAIL")}: Parse of {inputs.SpecLines} lines takes {parse:F3} ms per parse after warm-up; budget {BudgetMilliseconds:F0} ms "
            + $"(ParseWithErrors: {withErrors:F3} ms, {(withErrors < BudgetMilliseconds ? "also" : "not")} within budget)"));
        var examples = ExampleSpecs.Load();
        var check = new (string Name, Func<object> Run)[]
        {
            ("ParseExamples", () => examples.Parse()),
            ("CheckExamples", () => examples.Check()),
        }.Select(c => (c.Name, Stats: Measure(c.Run, warmupParses, TimeSpan.FromMilliseconds(warmupMilliseconds), timedParses))).ToArray();
        output.WriteLine();
        output.WriteLine($"Checking all {examples.Count} example files (parse + bind + search space + shapes over the space), in memory:");
        output.WriteLine("| Case            |  Mean (ms) | Median (ms) |    Min (ms) |    P95 (ms) |  Ratio |");
        output.WriteLine("|-----------------|-----------:|------------:|------------:|------------:|-------:|");
        foreach (var (name, stats) in check)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name,-15} | {stats.Mean,10:F4} | {stats.Median,11:F4} | {stats.Min,11:F4} | {stats.P95,11:F4} | {stats.Mean / check[0].Stats.Mean,6:F2} |"));
        }

        var checkMean = check[1].Stats.Mean;
        var checkPass = checkMean < CheckBudgetMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(checkPass ? "PASS" : "FAIL")}: checking all examples takes {checkMean:F2} ms after warm-up ({checkMean / check[0].Stats.Mean:F1}x parsing them alone); budget {CheckBudgetMilliseconds:F0} ms"));
        var compilePass = CompileRun.Run(examples, output);
        return pass && checkPass && compilePass ? 0 : 1;
    }

    /// <summary>The issue's target for checking every example, after warm-up.</summary>
    public const double CheckBudgetMilliseconds = 200.0;

    private static Stats Measure(Func<object> parse, int warmupParses, TimeSpan warmupTime, int timedParses)
    {
        var warmedUp = WarmUp.Run(parse, warmupParses, warmupTime);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var samples = new double[timedParses];
        for (var i = 0; i < timedParses; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(parse());
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var sorted = samples.Order().ToArray();
        return new Stats(sorted.Average(), sorted[timedParses / 2], sorted[0], sorted[Math.Min(timedParses - 1, (int)(timedParses * 0.95))], warmedUp, samples);
    }

    private static string RuntimeInformationText() =>
        $"{RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.ProcessArchitecture}";

    private sealed record Stats(double Mean, double Median, double Min, double P95, int WarmupParses, double[] Samples);
}
