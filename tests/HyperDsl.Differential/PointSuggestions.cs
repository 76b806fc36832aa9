using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Differential;

/// <summary>
/// Answers the generated experiment's <c>Sample</c> with the values of one point the checker
/// walked, so the runtime builds the model at exactly that point. Parameters the point leaves
/// out (none of them shapes the model) get the low end or the first choice.
/// </summary>
internal sealed class PointSuggestions(IReadOnlyDictionary<string, Value> point) : ITrialSuggestions
{
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        point.TryGetValue(name, out var value) && value.AsNumber is { } number ? number : low;

    public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) =>
        point.TryGetValue(name, out var value) && value.AsNumber is { } number ? (long)number : low;

    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (!point.TryGetValue(name, out var value))
        {
            return choices[0];
        }

        foreach (var choice in choices)
        {
            if (Matches(choice, value))
            {
                return choice;
            }
        }

        throw new InvalidOperationException($"'{name}': the generated choices [{string.Join(", ", choices)}] do not hold the checker's value {value.Display}.");
    }

    private static bool Matches<T>(T choice, Value value) => (choice, value) switch
    {
        (Enum member, EnumValue e) => member.ToString() == CSharpNames.Pascal(e.Member),
        (string text, EnumValue e) => text == e.Member,
        (string text, StringValue s) => text == s.Value,
        (bool flag, BoolValue b) => flag == b.Value,
        (long or int or double, _) when value.AsNumber is { } number => Convert.ToDouble(choice, System.Globalization.CultureInfo.InvariantCulture) == number,
        _ => false,
    };
}
