using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>The parameter spaces the store tests record, one of each kind Optuna has.</summary>
internal static class StoreSpaces
{
    public static readonly FloatSpace LearningRate = new("lr", 1e-5, 0.1, true, null, null);
    public static readonly FloatSpace Dropout = new("dropout", 0.0, 0.5, false, null, null);
    public static readonly FloatSpace Momentum = new("momentum", 0.0, 1.0, false, 0.25, null);
    public static readonly IntSpace Layers = new("layers", 1, 5, false, 1, null);
    public static readonly IntSpace Width = new("width", 8, 512, true, 1, null);
    public static readonly IntSpace Epochs = new("epochs", 2, 10, false, 2, null);
    public static readonly CategoricalSpace Optimizer = new("optimizer", ["sgd", "adam", "adamw"], null);
    public static readonly CategoricalSpace BatchSize = new("batch_size", [16L, 32L, 64L], null);
    public static readonly CategoricalSpace Mixed = new("mixed", ["x", 3L, 2.5, true], null);
}
