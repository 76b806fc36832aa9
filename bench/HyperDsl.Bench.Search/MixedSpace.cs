using HyperDsl.Runtime.Search;

namespace HyperDsl.Bench.Search;

/// <summary>
/// A mixed space with categorical branches and conditional parameters, as a CNN spec's
/// <c>when</c> branches make one (the same function as optuna_mixed_quality.py, asked in the same order):
/// <code>
/// family ~ choice(branin, hartmann3, quad)      shift ~ uniform(0, 1)    (shared: + (shift - 0.3)^2)
/// when family == branin:    x1 ~ uniform(-5, 10), x2 ~ uniform(0, 15)        branin / 10        floor 0.0398
/// when family == hartmann3: h0, h1, h2 ~ uniform(0, 1)                        (hartmann3 + 3.86278) / 2   floor 0
/// when family == quad:      n ~ int(1, 64, log), act ~ choice(relu, tanh)     0.5 + (log2 n - 3)^2 / 36 (+ 0.1 for tanh)   floor 0.5
/// </code>
/// The best value, 0, is in the hardest branch; the easy one is a decoy at 0.5.
/// </summary>
internal static class MixedSpace
{
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];
    private static readonly double[][] A = [[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]];
    private static readonly double[][] P =
    [
        [0.3689, 0.1170, 0.2673], [0.4699, 0.4387, 0.7470], [0.1091, 0.8732, 0.5547], [0.0381, 0.5743, 0.8828],
    ];

    public static readonly string[] Families = ["branin", "hartmann3", "quad"];

    /// <summary>The space as data, with each branch's condition, for the samplers that model it.</summary>
    public static readonly ParameterSpace[] Declared =
    [
        new CategoricalSpace("family", [.. Families], null),
        new FloatSpace("shift", 0, 1, false, null, null),
        new FloatSpace("x1", -5, 10, false, null, "family == branin"),
        new FloatSpace("x2", 0, 15, false, null, "family == branin"),
        new FloatSpace("h0", 0, 1, false, null, "family == hartmann3"),
        new FloatSpace("h1", 0, 1, false, null, "family == hartmann3"),
        new FloatSpace("h2", 0, 1, false, null, "family == hartmann3"),
        new IntSpace("n", 1, 64, true, 1, "family == quad"),
        new CategoricalSpace("act", ["relu", "tanh"], "family == quad"),
    ];

    /// <summary>Asks for a point as a spec's generated code would and returns its value; <paramref name="values"/> gets the parameters asked.</summary>
    public static double Evaluate(ITrialSuggestions trial, Dictionary<string, object> values)
    {
        var family = trial.SuggestCategorical("family", Families);
        var shift = trial.SuggestFloat("shift", 0, 1);
        (values["family"], values["shift"]) = (family, shift);
        var shared = (shift - 0.3) * (shift - 0.3);
        switch (family)
        {
            case "branin":
                var x1 = trial.SuggestFloat("x1", -5, 10);
                var x2 = trial.SuggestFloat("x2", 0, 15);
                (values["x1"], values["x2"]) = (x1, x2);
                return (QualityRun.Branin(x1, x2) / 10) + shared;
            case "hartmann3":
                var h = new double[3];
                for (var j = 0; j < 3; j++)
                {
                    h[j] = trial.SuggestFloat($"h{j}", 0, 1);
                    values[$"h{j}"] = h[j];
                }

                return ((Hartmann3(h) + 3.86278) / 2) + shared;
            default:
                var n = trial.SuggestInt("n", 1, 64, log: true);
                var act = trial.SuggestCategorical("act", ["relu", "tanh"]);
                (values["n"], values["act"]) = (n, act);
                return 0.5 + (Math.Pow(Math.Log2(n) - 3, 2) / 36) + (act == "tanh" ? 0.1 : 0) + shared;
        }
    }

    private static double Hartmann3(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var exponent = 0.0;
            for (var j = 0; j < 3; j++)
            {
                exponent += A[i][j] * (x[j] - P[i][j]) * (x[j] - P[i][j]);
            }

            sum += Alpha[i] * Math.Exp(-exponent);
        }

        return -sum;
    }
}
