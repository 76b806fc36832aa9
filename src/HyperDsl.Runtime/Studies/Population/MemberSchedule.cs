namespace HyperDsl.Runtime.Studies.Population;

/// <summary>
/// One stretch of a PBT member's training: from epoch <paramref name="FromEpoch"/> on it trained with <paramref name="Parameters"/>;
/// when it began by taking over another member's training state, <paramref name="CopiedFrom"/> is that member's trial number
/// (its state after epoch <c>FromEpoch - 1</c>). Stored, as a list, in the trial's user attribute <see cref="Key"/>.
/// </summary>
public sealed record MemberStretch(int FromEpoch, IReadOnlyDictionary<string, object> Parameters, int? CopiedFrom)
{
    /// <summary>The trial user attribute holding a member's stretches, oldest first (a JSON list of objects).</summary>
    public const string Key = "pbt_schedule";

    /// <summary>The stretch as stored: <c>{"from_epoch": k, "params": {...}, "copied_from": n or null}</c>.</summary>
    public Dictionary<string, object?> ToJson() => new(StringComparer.Ordinal)
    {
        ["from_epoch"] = FromEpoch,
        ["params"] = Parameters.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        ["copied_from"] = CopiedFrom,
    };

    /// <summary>Reads a member's stretches back from its user attributes (none when it has no schedule).</summary>
    public static IReadOnlyList<MemberStretch> Read(IReadOnlyDictionary<string, string> userAttributes)
    {
        ArgumentNullException.ThrowIfNull(userAttributes);
        if (!userAttributes.TryGetValue(Key, out var json) || Storage.OptunaJson.Parse(json) is not List<object?> items)
        {
            return [];
        }

        return [.. items.OfType<Dictionary<string, object?>>().Select(item => new MemberStretch(
            item.TryGetValue("from_epoch", out var from) && from is long epoch ? (int)epoch : 1,
            item.TryGetValue("params", out var values) && values is Dictionary<string, object?> parameters
                ? parameters.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal)
                : new Dictionary<string, object>(StringComparer.Ordinal),
            item.TryGetValue("copied_from", out var copied) && copied is long donor ? (int)donor : null))];
    }
}
