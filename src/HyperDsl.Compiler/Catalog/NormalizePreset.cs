using System.Collections.Frozen;
using System.Collections.Immutable;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// A keyword of the data setting <c>normalize</c> (<c>normalize imagenet</c>): the statistics it
/// stands for, the channel count those need, and the runtime's <c>Normalization</c> member that
/// generated code uses for it.
/// </summary>
/// <param name="Name">The keyword as written in a spec.</param>
/// <param name="RuntimeMember">The static member of <c>HyperDsl.Runtime.Data.Normalization</c>.</param>
/// <param name="Summary">One line for the docs.</param>
public sealed record NormalizePreset(string Name, string RuntimeMember, string Summary)
{
    /// <summary>The per-channel means the preset gives, when it fixes them (empty: computed, or none).</summary>
    public ImmutableArray<double> Mean { get; init; } = [];

    /// <summary>The per-channel standard deviations the preset gives, when it fixes them.</summary>
    public ImmutableArray<double> Std { get; init; } = [];

    /// <summary>How its fixed statistics are named in messages: "ImageNet's 3 RGB means and stds".</summary>
    public string? StatisticsName { get; init; }

    /// <summary>The channel count its fixed statistics are for; null when it suits any.</summary>
    public long? Channels => Mean.IsEmpty ? null : Mean.Length;
}

/// <summary>The keywords of <c>normalize</c>, in the order the docs list them.</summary>
public static class NormalizePresets
{
    /// <summary>Every preset.</summary>
    public static ImmutableArray<NormalizePreset> All { get; } =
    [
        new("imagenet", "ImageNet", "ImageNet's RGB statistics (3 channels).")
        {
            Mean = [0.485, 0.456, 0.406],
            Std = [0.229, 0.224, 0.225],
            StatisticsName = "ImageNet's 3 RGB means and stds",
        },
        new("auto", "Auto", "Mean and std per channel, computed on the training split."),
        new("none", "None", "No normalisation: values stay in [0, 1]."),
    ];

    private static readonly FrozenDictionary<string, NormalizePreset> ByName = All.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The preset called <paramref name="name"/>, if there is one.</summary>
    public static NormalizePreset? Find(string name) => ByName.GetValueOrDefault(name);
}
