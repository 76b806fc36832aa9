using System.Collections.Immutable;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Differencing;

namespace HyperDsl.Compiler.Tests.Differencing;

public class SpecDiffFormatterTests
{
    private static readonly ShapeSummary Small = new(true, 2, ["1x28x28"], ["10"], 9146, 20586, 580160, 2063488, 0);
    private static readonly ShapeSummary Large = Small with { MinParameters = 52186, MaxParameters = 105962 };

    [Fact]
    public void Changes_print_by_section_with_the_model_figures_and_the_study_version()
    {
        var experiment = new ExperimentDiff(
            "quickstart",
            "quickstart",
            [
                new SpecChange(DiffSection.Tuning, ChangeKind.Changed, "trials", null, "8", "20"),
                new SpecChange(DiffSection.Parameters, ChangeKind.Changed, "lr", "domain", "loguniform(1e-3, 3e-2)", "loguniform(1e-4, 3e-2)"),
                new SpecChange(DiffSection.Parameters, ChangeKind.Changed, "mom", "condition", null, "when opt == sgd"),
                new SpecChange(DiffSection.Parameters, ChangeKind.Renamed, "rate", null, "rate", "lr2"),
                new SpecChange(DiffSection.Model, ChangeKind.Added, "model[10]", null, null, "linear(64)"),
                new SpecChange(DiffSection.Model, ChangeKind.Removed, "model[3]", null, "relu", null),
            ],
            "aa",
            "bb",
            Small,
            Large);

        Assert.Equal(
            """
            experiment quickstart
              parameters
                ~ lr: loguniform(1e-3, 3e-2) -> loguniform(1e-4, 3e-2)
                ~ mom (condition): (none) -> when opt == sgd
                > rate renamed to lr2
              model  (parameters 9146 - 20.6k -> 52.2k - 106k; FLOPs 580.2k - 2.06M -> 580.2k - 2.06M)
                + model[10]: linear(64)
                - model[3]: relu
              tune
                ~ trials: 8 -> 20
              study: the study hash changes: a run starts a new study version

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            SpecDiffFormatter.Format(new SpecDiff([experiment])));
    }

    [Fact]
    public void No_changes_print_one_line()
    {
        var same = new ExperimentDiff("e", "e", [], "aa", "aa", null, null);

        Assert.Equal("no semantic changes\n", SpecDiffFormatter.Format(new SpecDiff([same])));
    }

    [Fact]
    public void A_budget_change_keeps_the_version_and_a_renamed_experiment_is_noted()
    {
        var renamed = new ExperimentDiff("e", "f", ImmutableArray<SpecChange>.Empty, "aa", "aa", null, null);

        var text = SpecDiffFormatter.Format(new SpecDiff([renamed]));

        Assert.StartsWith("experiment f (was e)\n", text, StringComparison.Ordinal);
        Assert.Contains("the study hash is the same", text, StringComparison.Ordinal);
        Assert.Contains("under the new name, a run starts a new study", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiments_added_and_removed_print_one_line_each()
    {
        var diff = new SpecDiff([new ExperimentDiff(null, "g", [], null, "bb", null, null), new ExperimentDiff("h", null, [], "aa", null, null, null)]);

        Assert.Equal("experiment g: added\nexperiment h: removed\n", SpecDiffFormatter.Format(diff));
    }
}
