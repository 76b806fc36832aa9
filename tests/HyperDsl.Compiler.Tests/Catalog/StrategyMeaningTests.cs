using HyperDsl.Compiler.Catalog;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>The checker's sampler and pruner rules come from each entry's strategy meaning.</summary>
public class StrategyMeaningTests
{
    private static IReadOnlyList<string> Codes(string tune, string epochs = "4", string parameters = "x ~ uniform(0, 1)")
    {
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 8, shape: [1, 8, 8], classes: 2); validation 20% }
              params { {{parameters}} }
              model { flatten
                linear(2) }
              train { epochs {{epochs}}
                optimizer sgd(lr: 0.1) }
              tune { objective maximize val_accuracy
                {{tune}} }
            }
            """);
        return [.. compilation.Diagnostics.Select(d => d.Code)];
    }

    [Fact]
    public void Only_the_pruners_that_wait_for_a_first_rung_name_it_and_it_is_one_of_their_parameters()
    {
        foreach (var entry in BuiltinCatalog.Entries.Values)
        {
            if (entry.Strategy.FirstRungParameter is { } rung)
            {
                Assert.Equal(EntryKind.Pruner, entry.Kind);
                Assert.NotNull(entry.Find(rung));
            }

            Assert.True(!entry.Strategy.EnumeratesSpace || entry.Kind == EntryKind.Sampler, entry.Name);
        }
    }

    [Theory]
    [InlineData("sampler grid")]
    [InlineData("sampler grid()")]
    public void A_space_enumerating_sampler_written_either_way_needs_a_finite_space(string sampler)
    {
        Assert.Contains("HYP4004", Codes(sampler));
    }

    [Fact]
    public void A_space_enumerating_sampler_needs_no_trial_budget_but_others_do()
    {
        Assert.DoesNotContain("HYP4007", Codes("sampler grid", parameters: "x ~ choice(1, 2)"));
        Assert.Contains("HYP4007", Codes("sampler random", parameters: "x ~ choice(1, 2)"));
    }

    [Theory]
    [InlineData("pruner median(warmup: 4)")]
    [InlineData("pruner median(5, 4)")]
    [InlineData("pruner asha(min_epochs: 6)")]
    [InlineData("pruner hyperband(4)")]
    public void A_first_rung_at_or_beyond_the_last_epoch_warns_whether_named_or_positional(string pruner)
    {
        Assert.Contains("HYP4002", Codes($"trials 5\n {pruner}"));
    }

    [Fact]
    public void A_first_rung_before_the_last_epoch_does_not_warn()
    {
        Assert.DoesNotContain("HYP4002", Codes("trials 5\n pruner median(5, 2)"));
    }
}
