using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Studies;

/// <summary>Attribute values as the engine writes and reads them: JSON in Optuna's (Python's) form, through <see cref="OptunaJson"/>.</summary>
internal static class JsonValues
{
    public static string Of(object? value) => OptunaJson.Write(value);

    /// <summary>A JSON object of plain values (a queued trial's <c>fixed_params</c>): integers as long, other numbers as double.</summary>
    public static IReadOnlyDictionary<string, object> ReadObject(string json) =>
        OptunaJson.Parse(json) is Dictionary<string, object?> values
            ? values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal)
            : new Dictionary<string, object>(StringComparer.Ordinal);

    public static string? ReadString(IReadOnlyDictionary<string, string> attributes, string key) =>
        attributes.TryGetValue(key, out var json) ? OptunaJson.Parse(json) as string : null;

    public static long? ReadLong(IReadOnlyDictionary<string, string> attributes, string key) =>
        attributes.TryGetValue(key, out var json) && OptunaJson.Parse(json) is long value ? value : null;

    public static bool IsTrue(IReadOnlyDictionary<string, string> attributes, string key) =>
        attributes.TryGetValue(key, out var json) && OptunaJson.Parse(json) is true;
}
