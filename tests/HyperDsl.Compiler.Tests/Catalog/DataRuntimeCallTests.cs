using HyperDsl.Compiler.Catalog;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>The runtime calls that data sources and transforms map to are well formed.</summary>
public class DataRuntimeCallTests
{
    public static TheoryData<string> MappedEntries() =>
        new(BuiltinCatalog.Entries.Values.Where(e => e.Source is not null || e.Transform is not null).Select(e => e.Name).Order(StringComparer.Ordinal));

    private static IEnumerable<DataRuntimeCall> Calls(CatalogEntry entry) =>
        new[] { entry.Source?.Load, entry.Transform?.Augment, entry.Transform?.Evaluate }.OfType<DataRuntimeCall>();

    [Theory]
    [MemberData(nameof(MappedEntries))]
    public void Every_argument_comes_from_a_parameter_of_the_entry(string name)
    {
        var entry = BuiltinCatalog.Entries[name];
        Assert.All(Calls(entry).SelectMany(c => c.Arguments), a => Assert.True(entry.Find(a.Parameter) is not null, $"{name} has no parameter '{a.Parameter}'"));
    }

    [Theory]
    [MemberData(nameof(MappedEntries))]
    public void Arguments_that_may_be_left_out_come_last(string name)
    {
        // A runtime method cannot take a gap among its positional arguments.
        var entry = BuiltinCatalog.Entries[name];
        foreach (var call in Calls(entry))
        {
            var leftOut = call.Arguments.Select(a => a.Fallback is null && !entry.Find(a.Parameter)!.Required).ToList();
            Assert.True(leftOut.SkipWhile(x => !x).All(x => x), $"{name}: {call.Method} leaves out an argument before one it passes");
        }
    }
}
