using System.Diagnostics;
using System.Globalization;
using HyperDsl.Differential;

namespace HyperDsl.Bench;

/// <summary>
/// The nightly-sized differential test (issue 13): many generated specs, each checked, compiled,
/// built and run, with the model compared with the checker's figures. The test suite runs the
/// same thing with fewer specs (DifferentialTests).
/// </summary>
public static class DifferentialCommand
{
    /// <summary>Runs <c>--differential [--count N] [--seed S] [--points P] [--include-known] [--only-seed X] [--spec FILE]...</c>; 0 without disagreements.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var count = 5000;
        var seed = 1;
        var points = 3;
        int? only = null;
        var files = new List<string>();
        var allowed = KnownDisagreements.Allowed;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--include-known":
                    allowed = KnownDisagreements.All;
                    break;
                case "--count" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var c) && c > 0:
                    count = c;
                    i++;
                    break;
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                case "--points" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p) && p > 0:
                    points = p;
                    i++;
                    break;
                case "--spec" when i + 1 < args.Length:
                    files.Add(args[++i]);
                    break;
                case "--only-seed" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var o):
                    only = o;
                    i++;
                    break;
                default:
                    output.WriteLine($"HyperDsl.Bench: unexpected argument '{args[i]}' for --differential; it takes --count N, --seed S, --points P, --include-known, --only-seed X and --spec FILE.");
                    return 2;
            }
        }

        var clock = Stopwatch.StartNew();
        var run = new DifferentialRun(allowed, points);
        DifferentialReport report;
        if (files.Count > 0)
        {
            // Specs written by hand (a reproduction): each file holds one experiment, named after the file.
            report = run.Run([.. files.Select(f => new GeneratedSpec(0, Path.GetFileNameWithoutExtension(f), File.ReadAllText(f), new HashSet<Construct>()))]);
        }
        else if (only is { } one)
        {
            var spec = new SpecGenerator(allowed).Generate(one);
            output.WriteLine(spec.Text);
            report = run.Run([spec]);
        }
        else
        {
            output.WriteLine($"Differential run: seed {seed}, {count} specs, {points} points each{(allowed == KnownDisagreements.All ? ", known disagreements included" : "")}.");
            report = run.Run(seed, count, output);
        }

        output.WriteLine(report);
        var unexplained = report.Disagreements.Count(d => !KnownDisagreements.Explain(d.Spec));
        output.WriteLine($"{report.Disagreements.Count - unexplained} disagreements in specs using a known one (KnownDisagreements.Excluded), {unexplained} new.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F1} s in all, {clock.Elapsed.TotalMilliseconds / Math.Max(1, report.Generated):F1} ms per spec."));
        return unexplained == 0 && (allowed == KnownDisagreements.All || report.Disagreements.Count == 0) ? 0 : 1;
    }
}
