using System.Reflection;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Runtime.Data;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// The runtime calls and normalisations named by the catalogue's data sources, transforms and
/// normalize presets exist in the runtime, take the arguments the catalogue passes, and (for a
/// preset with fixed statistics) hold the statistics the catalogue states.
/// </summary>
public class DataRuntimeMappingTests
{
    public static TheoryData<string, string> Calls()
    {
        var data = new TheoryData<string, string>();
        foreach (var entry in BuiltinCatalog.Entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            foreach (var (use, call) in new[] { ("load", entry.Source?.Load), ("augment", entry.Transform?.Augment), ("evaluate", entry.Transform?.Evaluate) })
            {
                if (call is not null)
                {
                    data.Add(entry.Name, use);
                }
            }
        }

        return data;
    }

    public static TheoryData<string> Presets() => new(NormalizePresets.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Calls))]
    public void The_runtime_method_exists_and_takes_the_arguments_passed(string name, string use)
    {
        var entry = BuiltinCatalog.Entries[name];
        var call = use switch
        {
            "load" => entry.Source!.Load,
            "augment" => entry.Transform!.Augment,
            _ => entry.Transform!.Evaluate!,
        };
        var split = call.Method.LastIndexOf('.');
        var type = typeof(Normalization).Assembly.GetType("HyperDsl.Runtime." + call.Method[..split]);
        Assert.True(type is not null, $"{name}: no runtime type for {call.Method}");
        var overloads = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == call.Method[(split + 1)..]).ToList();
        Assert.NotEmpty(overloads);

        // The fewest arguments generated code passes (each left out when it may be), and the most
        // (every one given, a pair spread into two, an image folder's height and width).
        var fewest = call.Arguments.Count(a => entry.Find(a.Parameter)!.Required || a.Fallback is not null);
        var most = call.Arguments.Sum(a => a.SpreadsPair ? 2 : 1) + (entry.Source is { DecodesAtResize: true } ? 2 : 0);
        foreach (var count in new[] { fewest, most })
        {
            Assert.True(overloads.Any(m => m.GetParameters().Count(p => !p.IsOptional) <= count && m.GetParameters().Length >= count),
                $"{name}: no {call.Method} takes {count} arguments");
        }
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void A_preset_names_a_runtime_normalization(string name)
    {
        var preset = NormalizePresets.Find(name)!;
        Assert.NotNull(typeof(Normalization).GetProperty(preset.RuntimeMember, BindingFlags.Public | BindingFlags.Static)?.GetValue(null));
    }

    [Fact]
    public void The_imagenet_preset_holds_the_statistics_the_runtime_applies()
    {
        var preset = NormalizePresets.Find("imagenet")!;
        using var images = SyntheticData.Create(2, [3, 4, 4], 2, 0);

        var statistics = ((Normalization)typeof(Normalization).GetProperty(preset.RuntimeMember)!.GetValue(null)!).Resolve(images);

        Assert.Equal(preset.Mean, statistics.Mean);
        Assert.Equal(preset.Std, statistics.Std);
    }
}
