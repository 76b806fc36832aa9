using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>How Optuna's tables spell states, directions and values that are not finite.</summary>
internal static class OptunaEncoding
{
    public const string Finite = "FINITE";
    public const string PositiveInfinity = "INF_POS";
    public const string NegativeInfinity = "INF_NEG";
    public const string NotANumber = "NAN";

    public static string State(TrialState state) => state switch
    {
        TrialState.Running => "RUNNING",
        TrialState.Complete => "COMPLETE",
        TrialState.Pruned => "PRUNED",
        TrialState.Failed => "FAIL",
        TrialState.Waiting => "WAITING",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a trial state."),
    };

    public static TrialState ParseState(string text) => text switch
    {
        "RUNNING" => TrialState.Running,
        "COMPLETE" => TrialState.Complete,
        "PRUNED" => TrialState.Pruned,
        "FAIL" => TrialState.Failed,
        "WAITING" => TrialState.Waiting,
        _ => throw new FormatException($"Unknown trial state '{text}'."),
    };

    public static bool IsFinished(TrialState state) => state is TrialState.Complete or TrialState.Pruned or TrialState.Failed;

    public static string Direction(StudyDirection direction) => direction switch
    {
        StudyDirection.Minimize => "MINIMIZE",
        StudyDirection.Maximize => "MAXIMIZE",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a study direction."),
    };

    public static StudyDirection ParseDirection(string text) => text switch
    {
        "MINIMIZE" => StudyDirection.Minimize,
        "MAXIMIZE" => StudyDirection.Maximize,
        // Optuna's NOT_SET only exists while a study is being created.
        _ => throw new FormatException($"Unknown study direction '{text}'."),
    };

    /// <summary>A trial value as Optuna stores it: infinities as a type with no number; NaN has no stored form.</summary>
    public static (double? Value, string Type) Value(double value) =>
        double.IsNaN(value) ? throw new ArgumentException("NaN is not a trial value.", nameof(value)) : Intermediate(value);

    /// <summary>An intermediate value as Optuna stores it: NaN and infinities as a type with no number.</summary>
    public static (double? Value, string Type) Intermediate(double value) =>
        double.IsNaN(value) ? (null, NotANumber)
        : double.IsPositiveInfinity(value) ? (null, PositiveInfinity)
        : double.IsNegativeInfinity(value) ? (null, NegativeInfinity)
        : (value, Finite);

    public static double ParseValue(double? value, string type) => type switch
    {
        Finite => value ?? throw new FormatException("A FINITE value without a number."),
        PositiveInfinity => double.PositiveInfinity,
        NegativeInfinity => double.NegativeInfinity,
        NotANumber => double.NaN,
        _ => throw new FormatException($"Unknown value type '{type}'."),
    };
}
