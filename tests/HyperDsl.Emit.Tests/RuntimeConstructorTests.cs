using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// A catalogue entry's runtime constructor is real: the type exists, takes every parameter of the
/// entry under its PascalCase name, and defaults each to the entry's default, so an argument the
/// spec leaves out means in the runtime what the catalogue (and docs/catalog.md) says.
/// </summary>
public class RuntimeConstructorTests
{
    public static TheoryData<string> MappedEntries() =>
        new(BuiltinCatalog.Entries.Values.Where(e => e.Constructor is not null).Select(e => e.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_sampler_and_pruner_maps_to_a_runtime_constructor_or_picks_one_that_does()
    {
        Assert.All(BuiltinCatalog.Entries.Values.Where(e => e.Kind is EntryKind.Sampler or EntryKind.Pruner), e =>
        {
            if (e.Strategy.Picks is { } picks)
            {
                // Every sampler a picking entry can choose, over the shapes that reach each rule.
                StudyShape[] shapes = [new(2, 300, null, 2, 0, 0), new(2, 50, null, 2, 0, 0), new(1, 9, 8, 0, 1, 0), new(1, 5, null, 2, 0, 0), new(1, 50, null, 2, 0, 0), new(1, 5000, null, 2, 0, 0), new(1, 50, null, 1, 1, 0), new(1, null, null, 2, 0, 0)];
                Assert.All(shapes, shape => Assert.NotNull(BuiltinCatalog.Find(picks(shape).Sampler)?.Constructor));
            }
            else
            {
                Assert.NotNull(e.Constructor);
            }
        });
    }

    [Theory]
    [MemberData(nameof(MappedEntries))]
    public void The_runtime_constructor_takes_each_parameter_with_the_catalogues_default(string name)
    {
        var entry = BuiltinCatalog.Entries[name];
        var type = typeof(Runtime.Studies.StudyPlan).Assembly.GetType(entry.Constructor!.TypeName.Replace(".SamplerChoice.", ".SamplerChoice+", StringComparison.Ordinal).Replace(".PrunerChoice.", ".PrunerChoice+", StringComparison.Ordinal));
        Assert.True(type is not null, $"{name}: no runtime type {entry.Constructor.TypeName}");
        var constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length)!;
        var parameters = constructor.GetParameters().ToDictionary(p => p.Name!, StringComparer.Ordinal);

        Assert.Equal(entry.Parameters.Select(p => CSharpNames.Pascal(p.Name)).Order(StringComparer.Ordinal), parameters.Keys.Order(StringComparer.Ordinal));
        foreach (var parameter in entry.Parameters)
        {
            var runtime = parameters[CSharpNames.Pascal(parameter.Name)];
            Assert.True(runtime.HasDefaultValue, $"{name}({parameter.Name}) has no default in the runtime");
            object? expected = parameter.Default switch
            {
                IntValue i => (int)i.Value,
                BoolValue b => b.Value,
                FloatValue f => f.Value,
                _ => null,
            };
            Assert.Equal(expected, runtime.DefaultValue);
        }
    }
}
