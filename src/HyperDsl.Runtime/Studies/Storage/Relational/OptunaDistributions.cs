using System.Globalization;
using System.Text.Json;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// Parameters in Optuna's form: a distribution as Optuna's <c>distribution_to_json</c> writes it and
/// a value in its "internal representation" (the float itself, the int as a float, a choice as
/// its index). Distributions Optuna would refuse to load are refused here, so that every study a
/// store writes stays readable by Optuna.
/// </summary>
internal static class OptunaDistributions
{
    public static string ToJson(ParameterSpace space) => space switch
    {
        FloatSpace f => FloatJson(f),
        IntSpace i => IntJson(i),
        CategoricalSpace c => CategoricalJson(c),
        null => throw new ArgumentNullException(nameof(space)),
        _ => throw new ArgumentException($"Unknown kind of parameter space {space.GetType().Name}.", nameof(space)),
    };

    /// <summary>Reads Optuna's JSON, including the abbreviated form and the distribution classes of Optuna 2.</summary>
    public static ParameterSpace FromJson(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("name", out var kind))
        {
            var a = root.GetProperty("attributes");
            return kind.GetString() switch
            {
                "FloatDistribution" => new FloatSpace(name, Double(a, "low"), Double(a, "high"), Bool(a, "log"), NullableDouble(a, "step"), null),
                "IntDistribution" => new IntSpace(name, Long(a, "low"), Long(a, "high"), Bool(a, "log"), NullableLong(a, "step") ?? 1, null),
                "CategoricalDistribution" => new CategoricalSpace(name, Choices(a.GetProperty("choices")), null),
                "UniformDistribution" => new FloatSpace(name, Double(a, "low"), Double(a, "high"), false, null, null),
                "LogUniformDistribution" => new FloatSpace(name, Double(a, "low"), Double(a, "high"), true, null, null),
                "DiscreteUniformDistribution" => new FloatSpace(name, Double(a, "low"), Double(a, "high"), false, Double(a, "q"), null),
                "IntUniformDistribution" => new IntSpace(name, Long(a, "low"), Long(a, "high"), false, NullableLong(a, "step") ?? 1, null),
                "IntLogUniformDistribution" => new IntSpace(name, Long(a, "low"), Long(a, "high"), true, 1, null),
                var other => throw new FormatException($"Unknown distribution class '{other}'."),
            };
        }

        return root.GetProperty("type").GetString() switch
        {
            "float" => new FloatSpace(name, Double(root, "low"), Double(root, "high"), Bool(root, "log"), NullableDouble(root, "step"), null),
            "int" => new IntSpace(name, Long(root, "low"), Long(root, "high"), Bool(root, "log"), NullableLong(root, "step") ?? 1, null),
            "categorical" => new CategoricalSpace(name, Choices(root.GetProperty("choices")), null),
            var other => throw new FormatException($"Unknown distribution type '{other}'."),
        };
    }

    /// <summary>The value as Optuna stores it in <c>param_value</c>.</summary>
    public static double ToInternal(ParameterSpace space, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (space)
        {
            case FloatSpace f:
                if (value is string or bool || !StoredValue.TryNumber(value, out var number))
                {
                    throw new ArgumentException($"Parameter '{f.Name}' is a float; {Describe(value)} is not a number.", nameof(value));
                }

                if (double.IsNaN(number) || (f.Log && number <= 0))
                {
                    throw new ArgumentException($"Parameter '{f.Name}' cannot be {number}{(f.Log ? " (a log-scale float must be positive)" : "")}.", nameof(value));
                }

                return number;
            case IntSpace i:
                return value switch
                {
                    sbyte or byte or short or ushort or int or uint or long => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    _ => throw new ArgumentException($"Parameter '{i.Name}' is an int; {Describe(value)} is not an integer.", nameof(value)),
                };
            case CategoricalSpace c:
                var index = StoredValue.IndexOf(c.Choices, value);
                return index >= 0
                    ? index
                    : throw new ArgumentException($"Parameter '{c.Name}' has no choice {Describe(value)}; its choices are {OptunaJson.Write(c.Choices)}.", nameof(value));
            default:
                throw new ArgumentException($"Unknown kind of parameter space {space?.GetType().Name}.", nameof(space));
        }
    }

    /// <summary>The value a stored <c>param_value</c> stands for: a double, a long, or the choice as read from JSON.</summary>
    public static object ToExternal(ParameterSpace space, double stored) => space switch
    {
        FloatSpace => stored,
        IntSpace => (long)stored,
        CategoricalSpace c when stored >= 0 && stored < c.Choices.Count && stored == Math.Floor(stored) => c.Choices[(int)stored],
        CategoricalSpace c => throw new FormatException($"Parameter '{c.Name}' holds choice index {stored}, but there are {c.Choices.Count} choices."),
        _ => throw new ArgumentException($"Unknown kind of parameter space {space.GetType().Name}.", nameof(space)),
    };

    /// <summary>
    /// Optuna's rule for a parameter name that a study already has: the same kind, the same log
    /// scale, and for a choice the same choices.
    /// </summary>
    public static void CheckCompatible(ParameterSpace recorded, ParameterSpace proposed)
    {
        var compatible = (recorded, proposed) switch
        {
            (FloatSpace a, FloatSpace b) => a.Log == b.Log,
            (IntSpace a, IntSpace b) => a.Log == b.Log,
            (CategoricalSpace a, CategoricalSpace b) => CategoricalJson(a) == CategoricalJson(b),
            _ => false,
        };
        if (!compatible)
        {
            throw new ArgumentException(
                $"Parameter '{proposed.Name}' is recorded in this study as {ToJson(recorded)}; a study cannot also hold it as {ToJson(proposed)}. Start a new study for a changed search space.",
                nameof(proposed));
        }
    }

    private static string FloatJson(FloatSpace f)
    {
        Require(double.IsFinite(f.Low) && double.IsFinite(f.High), f, "its bounds must be finite");
        Require(f.Low <= f.High, f, "low must not exceed high");
        Require(!f.Log || f.Step is null, f, "a log scale cannot have a step");
        Require(!f.Log || f.Low > 0, f, "a log scale needs low > 0");
        Require(f.Step is null || (double.IsFinite(f.Step.Value) && f.Step > 0), f, "step must be positive");
        var step = f.Step is { } s ? PythonFloat.Repr(s) : "null";
        return $$$"""{"name": "FloatDistribution", "attributes": {"step": {{{step}}}, "low": {{{PythonFloat.Repr(f.Low)}}}, "high": {{{PythonFloat.Repr(f.High)}}}, "log": {{{Bool(f.Log)}}}}}""";
    }

    private static string IntJson(IntSpace i)
    {
        Require(i.Low <= i.High, i, "low must not exceed high");
        Require(i.Step > 0, i, "step must be positive");
        Require(!i.Log || i.Step == 1, i, "a log scale needs step 1");
        Require(!i.Log || i.Low >= 1, i, "a log scale needs low ≥ 1");
        return string.Create(CultureInfo.InvariantCulture, $$$"""{"name": "IntDistribution", "attributes": {"log": {{{Bool(i.Log)}}}, "step": {{{i.Step}}}, "low": {{{i.Low}}}, "high": {{{i.High}}}}}""");
    }

    private static string CategoricalJson(CategoricalSpace c)
    {
        Require(c.Choices.Count > 0, c, "it needs at least one choice");
        foreach (var choice in c.Choices)
        {
            Require(choice is string or bool or Enum or sbyte or byte or short or ushort or int or uint or long or float or double or decimal, c, $"a choice must be a string, a boolean or a number, not {Describe(choice)}");
        }

        return $$$"""{"name": "CategoricalDistribution", "attributes": {"choices": {{{OptunaJson.Write(c.Choices)}}}}}""";
    }

    private static void Require(bool condition, ParameterSpace space, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"Parameter '{space.Name}' cannot be stored as Optuna reads it: {rule} ({space}).", nameof(space));
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Describe(object? value) => value is null ? "null" : $"{value} ({value.GetType().Name})";

    private static double Double(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    private static double? NullableDouble(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetDouble() : null;

    private static long Long(JsonElement e, string name) => Integer(e.GetProperty(name));

    private static long? NullableLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Integer(v) : null;

    private static long Integer(JsonElement v) => v.TryGetInt64(out var integer) ? integer : (long)v.GetDouble();

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static object[] Choices(JsonElement array) =>
        [.. array.EnumerateArray().Select(c => OptunaJson.Read(c) ?? throw new FormatException("A choice of None cannot be read by HyperDsl."))];
}
