using System.Globalization;
using System.Text.Json;

namespace HyperDsl.Runtime.Studies;

/// <summary>Plain JSON values for attributes: numbers, strings, booleans and flat objects of them.</summary>
internal static class JsonValues
{
    public static string Of(object? value) => JsonSerializer.Serialize(value);

    public static string Object(IReadOnlyDictionary<string, object> values) =>
        JsonSerializer.Serialize(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));

    /// <summary>Reads a flat JSON object: integers as long, other numbers as double, strings, booleans.</summary>
    public static Dictionary<string, object> ReadObject(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (Scalar(property.Value) is { } value)
            {
                result[property.Name] = value;
            }
        }

        return result;
    }

    public static string? ReadString(IReadOnlyDictionary<string, string> attributes, string key)
    {
        if (!attributes.TryGetValue(key, out var json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
    }

    public static long? ReadLong(IReadOnlyDictionary<string, string> attributes, string key)
    {
        if (!attributes.TryGetValue(key, out var json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Number && document.RootElement.TryGetInt64(out var value) ? value : null;
    }

    public static bool IsTrue(IReadOnlyDictionary<string, string> attributes, string key) =>
        attributes.TryGetValue(key, out var json) && json.Trim() == "true";

    private static object? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var whole) && !element.GetRawText().Contains('.', StringComparison.Ordinal)
            && !element.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase) => whole,
        JsonValueKind.Number => element.GetDouble(),
        _ => null,
    };

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
