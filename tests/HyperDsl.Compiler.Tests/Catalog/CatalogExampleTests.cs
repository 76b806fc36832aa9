using HyperDsl.Compiler.Catalog;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>Every catalogue entry has a written example (docs/catalog.md shows it), and the example binds where its kind is written.</summary>
public class CatalogExampleTests
{
    public static TheoryData<string> Names() => [.. BuiltinCatalog.Entries.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_example_of_an_entry_binds_where_its_kind_is_written(string name)
    {
        var entry = BuiltinCatalog.Entries[name];
        var example = BuiltinCatalog.ExampleOf(name);
        Assert.False(example is null, $"'{name}' has no example in BuiltinCatalog.Examples.cs.");
        Assert.StartsWith(name, example, StringComparison.Ordinal);

        var spec = Spec(entry.Kind, example);

        var errors = BindingErrors(spec);
        Assert.True(errors.Count == 0, $"{example}:\n{string.Join("\n", errors)}\n{spec}");
    }

    [Theory]
    [InlineData(EntryKind.Layer, "conv(colour: 3)")]
    [InlineData(EntryKind.Schedule, "cyclic(base_lr: 1e-2, max_lr: 1e-4, step: 5 steps)")]
    [InlineData(EntryKind.Transform, "rotate(degrees: wide)")]
    public void An_example_that_does_not_bind_is_caught(EntryKind kind, string example)
    {
        Assert.NotEmpty(BindingErrors(Spec(kind, example)));
    }

    // Only what binding and argument ranges report: a layer's example meets an arbitrary shape here.
    private static List<Syntax.Diagnostics.Diagnostic> BindingErrors(string spec) =>
        [.. CompilationHelper.CompileText(spec).Diagnostics
            .Where(d => d.IsError && (d.Code.StartsWith("HYP1", StringComparison.Ordinal) || d.Code.StartsWith("HYP2", StringComparison.Ordinal) || d.Code == "HYP3001"))];

    private static string Spec(EntryKind kind, string example)
    {
        string Slot(EntryKind wanted, string otherwise) => kind == wanted ? example : otherwise;
        return $$"""
            experiment e {
              params {
                width ~ choice(8, 16)
                shift = -2
                {{(kind == EntryKind.Distribution ? $"drawn ~ {example}" : kind == EntryKind.Function ? $"computed = {example}" : "")}}
              }
              data {
                source {{Slot(EntryKind.DataSource, "synthetic(count: 64, shape: [3, 32, 32], classes: 10)")}}
                validation 10%
                {{(kind == EntryKind.Transform ? $"augment {{ {example} }}" : "")}}
              }
              model {
                {{(kind == EntryKind.Layer ? $"conv(8, padding: same); {example}; flatten; linear(10)" : Slot(EntryKind.Backbone, "global_avgpool; linear(10)"))}}
              }
              train {
                epochs 10
                optimizer {{Slot(EntryKind.Optimizer, "adam(lr: 1e-3)")}}
                {{(kind == EntryKind.Loss ? $"loss {example}" : kind == EntryKind.Schedule ? $"schedule {example}" : "")}}
              }
              tune {
                objective maximize val_accuracy
                trials 4
                {{(kind == EntryKind.Sampler ? $"sampler {example}" : kind == EntryKind.Pruner ? $"pruner {example}" : "")}}
              }
            }
            """;
    }
}
