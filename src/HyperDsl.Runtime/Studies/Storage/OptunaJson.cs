using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HyperDsl.Runtime.Studies.Storage.Relational;

namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>
/// JSON as Optuna's storage holds it (attribute values, <c>fixed_params</c>, distributions): written
/// the way Python's <c>json.dumps</c> writes it, read back with the types a study's parameters use.
/// </summary>
public static class OptunaJson
{
    /// <summary>
    /// Reads a JSON value: an integer becomes a <see cref="long"/>, a number with a fraction or an
    /// exponent a <see cref="double"/>, a string a <see cref="string"/>, true/false a
    /// <see cref="bool"/>, null null, an array a list and an object a dictionary (in order).
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static object? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    /// <summary>
    /// Writes a value as Python's <c>json.dumps</c> does (", " and ": " separators, non-ASCII
    /// escaped, floats as Python's repr so they read back as floats). Takes null, booleans,
    /// strings, integers, finite floating-point numbers, enum members (by name), dictionaries with
    /// string keys and sequences.
    /// </summary>
    /// <exception cref="ArgumentException">The value (or a part of it) has no JSON form.</exception>
    public static string Write(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    /// <summary>Whether <paramref name="json"/> is one well-formed JSON value.</summary>
    public static bool IsValid(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static object? Read(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => ReadNumber(element),
        JsonValueKind.Array => element.EnumerateArray().Select(Read).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Read(p.Value), StringComparer.Ordinal),
        _ => throw new JsonException($"Unexpected JSON {element.ValueKind}."),
    };

    private static object ReadNumber(JsonElement element)
    {
        var raw = element.GetRawText();
        var isInteger = raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        return isInteger && element.TryGetInt64(out var integer) ? (object)integer : element.GetDouble();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case string s:
                AppendString(text, s);
                break;
            case char c:
                AppendString(text, c.ToString());
                break;
            case Enum e:
                AppendString(text, e.ToString());
                break;
            case double or float or decimal:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    throw new ArgumentException($"{number} has no JSON form; store only finite numbers.", nameof(value));
                }

                text.Append(PythonFloat.Repr(number));
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IDictionary dictionary:
                AppendObject(text, dictionary);
                break;
            case IEnumerable sequence:
                text.Append('[');
                var first = true;
                foreach (var item in sequence)
                {
                    text.Append(first ? "" : ", ");
                    first = false;
                    Append(text, item);
                }

                text.Append(']');
                break;
            default:
                throw new ArgumentException($"A {value.GetType().Name} has no JSON form; store null, booleans, numbers, strings, lists or dictionaries.", nameof(value));
        }
    }

    private static void AppendObject(StringBuilder text, IDictionary dictionary)
    {
        text.Append('{');
        var first = true;
        foreach (DictionaryEntry entry in dictionary)
        {
            AppendMember(text, entry.Key, entry.Value, ref first);
        }

        text.Append('}');
    }

    private static void AppendMember(StringBuilder text, object? key, object? value, ref bool first)
    {
        if (key is not string name)
        {
            throw new ArgumentException("JSON object keys must be strings.", nameof(key));
        }

        text.Append(first ? "" : ", ");
        first = false;
        AppendString(text, name);
        text.Append(": ");
        Append(text, value);
    }

    /// <summary>Python's ensure_ascii escaping: printable ASCII as is, everything else as \uXXXX (lowercase hex).</summary>
    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case >= ' ' and <= '~': text.Append(c); break;
                default: text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }
        }

        text.Append('"');
    }
}
