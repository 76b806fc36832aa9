using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>A parameter's type and domain come from its distribution's catalogue meaning.</summary>
public class DistributionMeaningTests
{
    [Fact]
    public void Every_distribution_and_nothing_else_carries_a_distribution_meaning()
    {
        Assert.All(BuiltinCatalog.Entries.Values, e => Assert.Equal(e.Kind == EntryKind.Distribution, e.Distribution is not null));
        Assert.Contains(BuiltinCatalog.Entries.Values, e => e.Kind == EntryKind.Distribution);
    }

    [Fact]
    public void Asking_a_layer_for_its_distribution_meaning_is_an_internal_error_naming_the_entry()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BuiltinCatalog.Find("conv")!.DistributionMeaning);

        Assert.Contains("'conv'", error.Message);
    }

    public static TheoryData<string, ParameterDomain> Ranges => new()
    {
        { "x ~ uniform(1, 4)", new FloatDomain(1, 4, Log: false, Step: null) },
        { "x ~ loguniform(1e-4, 1e-1)", new FloatDomain(1e-4, 1e-1, Log: true, Step: null) },
        { "x ~ int(2, 64, log)", new IntDomain(2, 64, Log: true, Step: 1) },
        { "x ~ int(2, 8, step: 2)", new IntDomain(2, 8, Log: false, Step: 2) },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void A_range_parameter_gets_the_type_and_domain_its_distribution_means(string declaration, ParameterDomain domain)
    {
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 8, shape: [1, 8, 8], classes: 2); validation 20% }
              params { {{declaration}} }
              model { flatten
                linear(2) }
              train { epochs 1
                optimizer sgd(lr: 0.1) }
              tune { objective maximize val_accuracy }
            }
            """);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));

        var x = Assert.Single(compilation.Experiments).Bound!.Parameters.Single();
        Assert.Equal(domain, x.Domain);
        Assert.Equal(x.Domain is IntDomain ? IntType.Instance : FloatType.Instance, x.Type);
    }
}
