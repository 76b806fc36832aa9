using HyperDsl.Runtime.Search;

namespace HyperDsl.Bench.Search;

/// <summary>The 6-parameter mixed space and cheap objective of shared/bench/optuna_overhead.py, suggested in the same order.</summary>
internal static class OverheadSpace
{
    /// <summary>The same space declared up front, as a spec's generated code gives it (multivariate TPE needs it).</summary>
    public static readonly ParameterSpace[] Declared =
    [
        new FloatSpace("lr", 1e-5, 1e-1, true, null, null),
        new FloatSpace("weight_decay", 1e-6, 1e-2, true, null, null),
        new FloatSpace("dropout", 0.0, 0.5, false, null, null),
        new IntSpace("n_layers", 1, 4, false, 1, null),
        new CategoricalSpace("batch_size", [16L, 32L, 64L, 128L], null),
        new CategoricalSpace("optimizer", ["sgd", "adam", "adamw"], null),
    ];

    public static double Evaluate(ITrialSuggestions trial, Dictionary<string, object> values)
    {
        var lr = trial.SuggestFloat("lr", 1e-5, 1e-1, log: true);
        var wd = trial.SuggestFloat("weight_decay", 1e-6, 1e-2, log: true);
        var dropout = trial.SuggestFloat("dropout", 0.0, 0.5);
        var layers = trial.SuggestInt("n_layers", 1, 4);
        var batch = trial.SuggestCategorical<long>("batch_size", [16, 32, 64, 128]);
        var optimizer = trial.SuggestCategorical("optimizer", ["sgd", "adam", "adamw"]);
        values["lr"] = lr;
        values["weight_decay"] = wd;
        values["dropout"] = dropout;
        values["n_layers"] = layers;
        values["batch_size"] = batch;
        values["optimizer"] = optimizer;
        return Math.Pow(Math.Log10(lr) + 3, 2) + (0.3 * Math.Pow(Math.Log10(wd) + 4, 2)) + Math.Pow(dropout - 0.2, 2)
            + (0.1 * Math.Pow(layers - 2, 2)) + (0.05 * Math.Abs(Math.Log2(batch) - 6))
            + optimizer switch { "sgd" => 0.2, "adam" => 0.0, _ => 0.05 };
    }
}
