using System.Diagnostics;
using System.Globalization;
using HyperDsl.Compiler;
using HyperDsl.Syntax;

namespace HyperDsl.Bench;

/// <summary>
/// How checking time grows with the size of a spec (issue 12): each shape of spec is checked at
/// sizes that double, and each time is divided by the one before. A ratio near 2 is linear, near
/// 4 quadratic; a size past a limit shows its diagnostic instead of a time.
/// </summary>
internal static class CheckScaling
{
    private const int Runs = 3;

    private static readonly (string Name, Func<int, string> Spec, int[] Sizes)[] Shapes =
    [
        ("literal layers", n => Spec(model: string.Concat(Enumerable.Repeat("relu\n", n)) + "flatten\nlinear(10)"), [1_000, 2_000, 4_000, 8_000]),
        ("derived chain", n => Spec(parameters: "a0 = 1\n" + string.Concat(Enumerable.Range(1, n - 1).Select(i => $"a{i} = a{i - 1} + 1\n")), model: $"conv(a{n - 1} - {n - 1}, kernel: 1)\nflatten\nlinear(10)"), [100, 200, 400, 800]),
        ("points, repeated loop", n => Spec(parameters: $"width ~ int(1, {n})\ndepth ~ int(1, 3000)", model: "for _ in 0 ..< depth { conv(width, kernel: 3, padding: same); relu }\nglobal_avgpool\nlinear(10)"), [4, 8, 16, 32]),
        ("points x layers", n => Spec(parameters: $"w ~ int(1, {n})", model: "conv(w, kernel: 1)\n" + string.Concat(Enumerable.Repeat("relu\n", 100)) + "flatten\nlinear(10)"), [2_500, 5_000, 10_000, 20_000]),
        ("list items", n => Spec(parameters: "sizes = [" + string.Join(", ", Enumerable.Range(1, n)) + "]", model: "conv(sizes[0], kernel: 1)\nflatten\nlinear(10)"), [12_500, 25_000, 50_000, 100_000]),
    ];

    public static int Run(TextWriter output)
    {
        output.WriteLine("shape                   size      check ms   ratio");
        foreach (var (name, spec, sizes) in Shapes)
        {
            double? previous = null;
            foreach (var size in sizes)
            {
                var text = spec(size);
                Check(text); // warm-up: JIT and tiering
                var times = new List<double>();
                string? errors = null;
                for (var run = 0; run < Runs; run++)
                {
                    var watch = Stopwatch.StartNew();
                    var compilation = Check(text);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    errors = compilation.HasErrors ? string.Join(", ", compilation.Diagnostics.Where(d => d.IsError).Select(d => d.Code).Distinct()) : null;
                }

                var median = times.Order().ElementAt(Runs / 2);
                var ratio = previous is { } p ? (median / p).ToString("0.00", CultureInfo.InvariantCulture) : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {size,7:N0} {median,12:0.0} {ratio,7}{(errors is null ? "" : "   " + errors)}"));
                previous = median;
            }
        }

        return 0;
    }

    private static HypCompilation Check(string text) => HypCompilation.Create([SyntaxTree.Parse(text, "scaling.hyp")]);

    private static string Spec(string parameters = "", string model = "flatten\nlinear(10)") => $$"""
        experiment e {
          data { source fashion_mnist(); validation 20% }
          params {
            lr ~ loguniform(1e-4, 1e-1)
        {{parameters}}
          }
          model {
        {{model}}
          }
          train { epochs 1; optimizer adam(lr: lr) }
          tune { objective maximize val_accuracy; trials 4 }
        }
        """;
}
