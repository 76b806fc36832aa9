using HyperDsl.Compiler.Differencing;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Formatting;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests.Differencing;

public class SpecDifferTests
{
    private const string Base = """
        experiment e {
          data { source synthetic(count: 32, shape: [1, 16, 16], classes: 2); validation 25% }
          params {
            require width > 2
            rate  ~ loguniform(1e-4, 1e-1)
            opt   ~ choice(sgd, adam)
            mom   ~ uniform(0.5, 0.9) when opt == sgd
            width ~ int(2, 8)
          }
          model {
            conv(width, kernel: 3)
            relu
            for i in 1..2 {
              conv(width, kernel: 3)
              relu
            }
            flatten
            linear(2)
          }
          train {
            epochs    1
            batch     32
            optimizer sgd(lr: rate, momentum: mom)
          }
          tune { objective maximize val_accuracy; sampler random; trials 4 }
        }
        """;

    private static SpecDiff Diff(string before, string after) =>
        SpecDiffer.Compare(Checked(before), Checked(after));

    private static HypCompilation Checked(string text)
    {
        var compilation = CompilationHelper.CompileText(text);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics.Select(d => d.ToString())));
        return compilation;
    }

    private static SpecChange[] Changes(string before, string after) => [.. Assert.Single(Diff(before, after).Experiments).Changes];

    [Fact]
    public void The_same_spec_has_no_changes_and_keeps_its_study_version()
    {
        var experiment = Assert.Single(Diff(Base, Base).Experiments);

        Assert.Empty(experiment.Changes);
        Assert.False(experiment.HasChanges);
        Assert.False(experiment.NewStudyVersion);
        Assert.Equal(experiment.OldHash, experiment.NewHash);
    }

    [Fact]
    public void Layout_comments_and_number_spelling_are_no_changes()
    {
        var respelled = Base.Replace("loguniform(1e-4, 1e-1)", "loguniform(0.0001, 0.1)  // the step", StringComparison.Ordinal)
            .Replace("    relu\n    for", "    relu\n\n\n    for", StringComparison.Ordinal)
            .Replace("epochs    1", "epochs 1", StringComparison.Ordinal);

        Assert.False(Diff(Base, respelled).HasChanges);
    }

    [Fact]
    public void A_widened_domain_is_one_domain_change_and_starts_a_new_study_version()
    {
        var widened = Base.Replace("loguniform(1e-4, 1e-1)", "loguniform(1e-5, 1e-1)", StringComparison.Ordinal);

        var experiment = Assert.Single(Diff(Base, widened).Experiments);

        var change = Assert.Single(experiment.Changes);
        Assert.Equal(new SpecChange(DiffSection.Parameters, ChangeKind.Changed, "rate", "domain", "loguniform(1e-4, 1e-1)", "loguniform(1e-5, 1e-1)"), change);
        Assert.True(experiment.NewStudyVersion);
    }

    [Fact]
    public void A_parameter_renamed_with_its_uses_is_one_rename_and_not_a_change_of_every_use()
    {
        var renamed = Base.Replace("rate  ~", "lr    ~", StringComparison.Ordinal).Replace("lr: rate", "lr: lr", StringComparison.Ordinal);

        var change = Assert.Single(Changes(Base, renamed));

        Assert.Equal(new SpecChange(DiffSection.Parameters, ChangeKind.Renamed, "rate", null, "rate", "lr"), change);
    }

    [Fact]
    public void Parameters_added_and_removed_are_listed_with_their_domains()
    {
        var changed = Base.Replace("    mom   ~ uniform(0.5, 0.9) when opt == sgd\n", "", StringComparison.Ordinal)
            .Replace("momentum: mom", "momentum: 0.9", StringComparison.Ordinal)
            .Replace("    width ~ int(2, 8)\n", "    width ~ int(2, 8)\n    decay ~ loguniform(1e-6, 1e-3)\n", StringComparison.Ordinal)
            .Replace("sgd(lr: rate,", "sgd(lr: rate, weight_decay: decay,", StringComparison.Ordinal);

        var changes = Changes(Base, changed);

        Assert.Contains(new SpecChange(DiffSection.Parameters, ChangeKind.Removed, "mom", null, "~ uniform(0.5, 0.9) when opt == sgd", null), changes);
        Assert.Contains(new SpecChange(DiffSection.Parameters, ChangeKind.Added, "decay", null, null, "~ loguniform(1e-6, 1e-3)"), changes);
        Assert.Contains(changes, c => c is { Section: DiffSection.Training, Subject: "optimizer" });
    }

    [Fact]
    public void A_changed_condition_is_a_condition_change()
    {
        var changed = Base.Replace("when opt == sgd", "when opt == adam", StringComparison.Ordinal);

        var change = Assert.Single(Changes(Base, changed));

        Assert.Equal(new SpecChange(DiffSection.Parameters, ChangeKind.Changed, "mom", "condition", "when opt == sgd", "when opt == adam"), change);
    }

    [Fact]
    public void One_inserted_layer_is_one_insertion_at_its_place_with_the_model_figures_before_and_after()
    {
        var inserted = Base.Replace("    flatten\n", "    flatten\n    linear(16)\n    relu\n", StringComparison.Ordinal)
            .Replace("    relu\n    for", "    batchnorm\n    relu\n    for", StringComparison.Ordinal);

        var experiment = Assert.Single(Diff(Base, inserted).Experiments);

        Assert.Equal<SpecChange>(
            [
                new SpecChange(DiffSection.Model, ChangeKind.Added, "model[2]", null, null, "batchnorm"),
                new SpecChange(DiffSection.Model, ChangeKind.Added, "model[6]", null, null, "linear(16)"),
                new SpecChange(DiffSection.Model, ChangeKind.Added, "model[7]", null, null, "relu"),
            ],
            experiment.Changes);
        Assert.True(experiment.After!.MaxParameters > experiment.Before!.MaxParameters);
        Assert.True(experiment.NewStudyVersion);
    }

    [Fact]
    public void A_layer_with_other_arguments_is_one_change_and_a_loop_body_is_compared_inside()
    {
        var changed = Base.Replace("    conv(width, kernel: 3)\n    relu\n    for", "    conv(width, kernel: 5)\n    relu\n    for", StringComparison.Ordinal)
            .Replace("      conv(width, kernel: 3)\n      relu\n", "      conv(width, kernel: 3)\n      batchnorm\n      relu\n", StringComparison.Ordinal);

        Assert.Equal(
            [
                new SpecChange(DiffSection.Model, ChangeKind.Changed, "model[1]", null, "conv(width, kernel: 3)", "conv(width, kernel: 5)"),
                new SpecChange(DiffSection.Model, ChangeKind.Added, "model[3][2]", null, null, "batchnorm"),
            ],
            Changes(Base, changed));
    }

    [Fact]
    public void A_removed_layer_is_one_removal()
    {
        var removed = Base.Replace("    flatten\n    linear(2)", "    flatten\n", StringComparison.Ordinal).Replace("    relu\n    for", "    for", StringComparison.Ordinal);

        // flatten then linear(2) is kept; only the relu before the loop goes.
        var fixedUp = removed.Replace("    flatten\n\n", "    flatten\n    linear(2)\n", StringComparison.Ordinal);

        Assert.Equal([new SpecChange(DiffSection.Model, ChangeKind.Removed, "model[2]", null, "relu", null)], Changes(Base, fixedUp));
    }

    [Fact]
    public void Constraints_data_training_and_tuning_settings_are_listed_by_section()
    {
        var changed = Base.Replace("width > 2", "width > 3", StringComparison.Ordinal)
            .Replace("validation 25%", "validation 20%", StringComparison.Ordinal)
            .Replace("epochs    1", "epochs    2", StringComparison.Ordinal)
            .Replace("sampler random; trials 4", "sampler random; trials 8; timeout 1h", StringComparison.Ordinal);

        var experiment = Assert.Single(Diff(Base, changed).Experiments);

        Assert.Equal<SpecChange>(
            [
                new SpecChange(DiffSection.Constraints, ChangeKind.Removed, "require", null, "width > 2", null),
                new SpecChange(DiffSection.Constraints, ChangeKind.Added, "require", null, null, "width > 3"),
                new SpecChange(DiffSection.Data, ChangeKind.Changed, "validation", null, "25%", "20%"),
                new SpecChange(DiffSection.Training, ChangeKind.Changed, "epochs", null, "1", "2"),
                new SpecChange(DiffSection.Tuning, ChangeKind.Changed, "trials", null, "4", "8"),
                new SpecChange(DiffSection.Tuning, ChangeKind.Added, "timeout", null, null, "1h"),
            ],
            experiment.Changes);
        Assert.True(experiment.NewStudyVersion);
    }

    [Fact]
    public void A_budget_change_alone_keeps_the_study_version()
    {
        var changed = Base.Replace("sampler random; trials 4", "sampler tpe(startup: 2); trials 8", StringComparison.Ordinal);

        var experiment = Assert.Single(Diff(Base, changed).Experiments);

        Assert.Equal(["sampler", "trials"], experiment.Changes.Select(c => c.Subject));
        Assert.All(experiment.Changes, c => Assert.Equal(DiffSection.Tuning, c.Section));
        Assert.False(experiment.NewStudyVersion);
    }

    [Fact]
    public void Experiments_pair_by_name_and_one_left_on_each_side_pairs_as_a_rename()
    {
        var renamed = Base.Replace("experiment e {", "experiment f {", StringComparison.Ordinal);
        var two = Base + "\n" + renamed.Replace("experiment f {", "experiment g {", StringComparison.Ordinal);

        var rename = Assert.Single(Diff(Base, renamed).Experiments);
        var added = Diff(Base, two).Experiments;

        Assert.Equal(("e", "f"), (rename.OldName, rename.NewName));
        Assert.True(rename.HasChanges);
        Assert.False(rename.NewStudyVersion);
        Assert.Equal([("e", "e"), (null, "g")], added.Select(e => (e.OldName, e.NewName)));
        Assert.False(added[0].HasChanges);
        Assert.True(added[1].HasChanges);
    }

    [Fact]
    public void Specs_with_errors_are_refused()
    {
        var broken = CompilationHelper.CompileText("experiment e { params { x ~ nope(1) } }");

        Assert.Throws<ArgumentException>(() => SpecDiffer.Compare(broken, Checked(Base)));
    }

    private static readonly string CaseRoot = Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Compiler.Tests", "Cases");

    public static TheoryData<string> Examples() => new(RepositoryPaths.ExampleSpecs
        .Concat(Directory.EnumerateDirectories(CaseRoot, "clean_*").Select(folder => Path.Combine(folder, "main.hyp")))
        .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p))
        .Order(StringComparer.Ordinal));

    public static TheoryData<string, string> ExamplePairs()
    {
        var examples = RepositoryPaths.ExampleSpecs.Select(p => Path.GetRelativePath(RepositoryPaths.Root, p)).ToList();
        var pairs = new TheoryData<string, string>();
        foreach (var (first, second) in examples.Zip(examples.Skip(1).Append(examples[0])))
        {
            pairs.Add(first, second);
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(ExamplePairs))]
    public void Two_different_examples_compare_into_a_change_list(string first, string second)
    {
        var before = CompilationHelper.CompileFile(Path.Combine(RepositoryPaths.Root, first));
        var after = CompilationHelper.CompileFile(Path.Combine(RepositoryPaths.Root, second));

        var diff = SpecDiffer.Compare(before, after);

        Assert.True(diff.HasChanges);
        Assert.NotEqual("no semantic changes\n", SpecDiffFormatter.Format(diff));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Formatting_an_example_or_a_clean_case_is_no_semantic_change(string example)
    {
        var path = Path.Combine(RepositoryPaths.Root, example);
        var text = File.ReadAllText(path);
        var messy = text.Replace("  ", "   ", StringComparison.Ordinal).Replace(", ", ",", StringComparison.Ordinal);
        var formatted = SpecFormatter.Format(SyntaxTree.Parse(messy, path)).Text!;

        var diff = SpecDiffer.Compare(CompilationHelper.CompileFile(path), HypCompilation.Create([SyntaxTree.Parse(formatted, path)], new HyperDsl.Compiler.Resolution.FileSystemSourceResolver()));

        Assert.False(diff.HasChanges, SpecDiffFormatter.Format(diff));
    }
}
