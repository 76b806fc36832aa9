using System.Text.Json;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Hosting;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Syntax;
using HyperDsl.TestKit;

namespace HyperDsl.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private static readonly string Quickstart = Path.Combine(RepositoryPaths.Examples, "quickstart.hyp");

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-diff-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    // The quick start with a wider learning-rate range and one more layer.
    private static string Changed(string text) => text
        .Replace("lr      ~ loguniform(1e-3, 3e-2)", "lr      ~ loguniform(1e-4, 3e-2)", StringComparison.Ordinal)
        .Replace("    flatten\n", "    flatten\n    linear(64)\n", StringComparison.Ordinal);

    [Fact]
    public void The_quickstart_with_a_wider_lr_range_and_one_more_layer_lists_exactly_those_and_a_new_study_version()
    {
        var changed = Write("quickstart.hyp", Changed(File.ReadAllText(Quickstart)));

        var result = CliRunner.Run(["diff", Quickstart, changed]);

        Assert.Equal("", result.Error);
        Assert.Equal(
            $"""
            hyp diff {Quickstart} {changed}
            experiment quickstart
              parameters
                ~ lr: loguniform(1e-3, 3e-2) -> loguniform(1e-4, 3e-2)
              model  (parameters 9146 - 20.6k -> 52.2k - 106k; FLOPs 580.2k - 2.06M -> 666.1k - 2.23M)
                + model[10]: linear(64)
              study: the study hash changes: a run starts a new study version

            """,
            result.Output);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void With_a_store_it_says_how_many_finished_trials_a_warm_start_would_carry_over()
    {
        var changed = Write("quickstart.hyp", Changed(File.ReadAllText(Quickstart)));
        var store = Path.Combine(_folder, "quickstart.study.db");
        StoreTrials(store);

        var result = CliRunner.Run(["diff", Quickstart, changed, "--storage", store]);

        Assert.Equal("", result.Error);
        Assert.EndsWith(
            $"  study: the study hash changes: a run starts a new study version\n"
            + $"  store: 'quickstart' in {store}: a run starts a new version; hyp run --warm-start would carry over 3 of the 4 finished trials of version 1 ('quickstart')\n",
            result.Output,
            StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void A_store_that_does_not_exist_is_not_created()
    {
        var store = Path.Combine(_folder, "none.db");

        var result = CliRunner.Run(["diff", Quickstart, Quickstart, "--storage", store]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            $"hyp diff {Quickstart} {Quickstart}\nexperiment quickstart: no semantic changes\n  store: 'quickstart' in {store}: no stored version; a run starts the study, with nothing to carry over\n",
            result.Output);
        Assert.False(File.Exists(store));
    }

    [Fact]
    public void Formatting_a_messy_copy_is_no_semantic_change()
    {
        var messy = Write("messy.hyp", File.ReadAllText(Quickstart).Replace("  ", "    ", StringComparison.Ordinal).Replace(", ", " ,", StringComparison.Ordinal).Replace("1e-3", "0.001", StringComparison.Ordinal));
        var unformatted = CliRunner.Run(["diff", Quickstart, messy]);
        Assert.Equal(0, CliRunner.Run(["fmt", messy]).ExitCode);

        var formatted = CliRunner.Run(["diff", Quickstart, messy]);

        Assert.Equal((0, $"hyp diff {Quickstart} {messy}\nno semantic changes\n", ""), (unformatted.ExitCode, unformatted.Output, unformatted.Error));
        Assert.Equal((0, $"hyp diff {Quickstart} {messy}\nno semantic changes\n", ""), (formatted.ExitCode, formatted.Output, formatted.Error));
    }

    [Fact]
    public void Json_lists_the_changes_hashes_and_figures_for_tools()
    {
        var changed = Write("quickstart.hyp", Changed(File.ReadAllText(Quickstart)));

        var result = CliRunner.Run(["diff", Quickstart, changed, "--format", "json"]);

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.True(json.RootElement.GetProperty("changed").GetBoolean());
        var experiment = Assert.Single(json.RootElement.GetProperty("experiments").EnumerateArray());
        Assert.True(experiment.GetProperty("new_study_version").GetBoolean());
        Assert.NotEqual(experiment.GetProperty("old_study_hash").GetString(), experiment.GetProperty("new_study_hash").GetString());
        Assert.Equal(20586, experiment.GetProperty("model_before").GetProperty("max_parameters").GetInt64());
        Assert.Equal(
            ["parameters changed lr domain loguniform(1e-3, 3e-2) -> loguniform(1e-4, 3e-2)", "model added model[10]  -> linear(64)"],
            experiment.GetProperty("changes").EnumerateArray().Select(c =>
                $"{c.GetProperty("section").GetString()} {c.GetProperty("kind").GetString()} {c.GetProperty("subject").GetString()} {c.GetProperty("aspect").GetString()} {c.GetProperty("before").GetString()} -> {c.GetProperty("after").GetString()}".Replace("  ", " ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_spec_with_errors_gets_its_diagnostics_and_exit_code_2_as_diff_gives_for_trouble()
    {
        var broken = Write("broken.hyp", File.ReadAllText(Quickstart).Replace("linear(10)", "linear(nope)", StringComparison.Ordinal));

        var result = CliRunner.Run(["diff", Quickstart, broken]);

        Assert.Equal(ExitCodes.UsageOrIo, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains($"{broken}(", result.Error, StringComparison.Ordinal);
        Assert.Contains("error HYP", result.Error, StringComparison.Ordinal);
        Assert.Contains($"hyp: error: {broken} has errors; nothing was compared.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diff", "a.hyp")]
    [InlineData("diff", "a.hyp", "b.hyp", "c.hyp")]
    [InlineData("diff", "a.hyp", "b.hyp", "--from", "HEAD")]
    public void Wrong_arguments_are_a_usage_error(params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(ExitCodes.UsageOrIo, result.ExitCode);
        Assert.StartsWith("hyp: error: ", result.Error, StringComparison.Ordinal);
    }

    [GitFact]
    public void From_a_revision_reads_the_old_version_through_git()
    {
        var spec = Write("quickstart.hyp", File.ReadAllText(Quickstart));
        Git.Commit(_folder);
        File.WriteAllText(spec, Changed(File.ReadAllText(spec)));

        var result = CliRunner.Run(["diff", spec, "--from", "HEAD"]);
        var missing = CliRunner.Run(["diff", spec, "--from", "no-such-branch"]);
        var option = CliRunner.Run(["diff", spec, "--from=--output=/tmp/x"]);

        Assert.Equal("", result.Error);
        Assert.StartsWith($"hyp diff HEAD:{spec} {spec}\nexperiment quickstart\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("+ model[10]: linear(64)", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal((2, $"hyp: error: cannot read '{spec}' at revision 'no-such-branch': git says: invalid object name 'no-such-branch'.\n"), (missing.ExitCode, missing.Error));
        Assert.Equal((2, "hyp: error: '--output=/tmp/x' is not a revision; give a commit, branch or tag such as HEAD~1 or main.\n"), (option.ExitCode, option.Error));
    }

    [GitFact]
    public void From_a_revision_reads_the_imports_of_the_old_version_at_that_revision_too()
    {
        const string Blocks = "block head(classes: int) {\n  flatten\n  linear(classes)\n}\n";
        var spec = Write("main.hyp", MadeUpStudy.Spec.Replace("experiment ranked {", "import \"blocks.hyp\"\nexperiment ranked {", StringComparison.Ordinal)
            .Replace("    flatten\n    linear(2)\n", "    head(2)\n", StringComparison.Ordinal));
        var blocks = Write("blocks.hyp", Blocks);
        Git.Commit(_folder);
        File.WriteAllText(blocks, Blocks.Replace("  flatten\n", "  flatten\n  dropout(0.5)\n", StringComparison.Ordinal));

        var result = CliRunner.Run(["diff", spec, "--from", "HEAD"]);

        Assert.Equal("", result.Error);
        Assert.Contains("  blocks\n    + block head[2]: dropout(0.5)\n", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    [GitFact]
    public void From_a_revision_outside_a_repository_is_a_clear_error()
    {
        var spec = Write("quickstart.hyp", File.ReadAllText(Quickstart));

        var result = CliRunner.Run(["diff", spec, "--from", "HEAD"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"hyp: error: cannot read '{spec}' at revision 'HEAD': git says: not a git repository", result.Error, StringComparison.Ordinal);
    }

    [GitFact]
    public void Git_diff_uses_hyp_diff_as_the_external_diff_driver_of_hyp_files()
    {
        var spec = Write("quickstart.hyp", File.ReadAllText(Quickstart));
        Write(".gitattributes", "*.hyp diff=hyp\n");
        Git.Commit(_folder);
        File.WriteAllText(spec, Changed(File.ReadAllText(spec)));
        var hyp = Path.Combine(AppContext.BaseDirectory, "hyp.dll");
        Git.Run(_folder, "config", "diff.hyp.command", $"dotnet '{hyp}' diff");

        var (exitCode, output, error) = Git.Run(_folder, "diff");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            """
            hyp diff a/quickstart.hyp b/quickstart.hyp
            experiment quickstart
              parameters
                ~ lr: loguniform(1e-3, 3e-2) -> loguniform(1e-4, 3e-2)
              model  (parameters 9146 - 20.6k -> 52.2k - 106k; FLOPs 580.2k - 2.06M -> 666.1k - 2.23M)
                + model[10]: linear(64)
              study: the study hash changes: a run starts a new study version

            """,
            output);
        Assert.Equal("", error);
    }

    [Fact]
    public void Git_external_diff_arguments_for_an_added_file_list_the_experiment_as_added()
    {
        var result = CliRunner.Run(["diff", "quickstart.hyp", "/dev/null", ".", ".", Quickstart, "0123", "100644"]);

        Assert.Equal((0, "hyp diff /dev/null b/quickstart.hyp\nexperiment quickstart: added\n", ""), (result.ExitCode, result.Output, result.Error));
    }

    [Fact]
    public void Git_external_diff_arguments_for_a_renamed_file_show_both_paths()
    {
        var changed = Write("quickstart.hyp", Changed(File.ReadAllText(Quickstart)));

        var result = CliRunner.Run(["diff", "old/quickstart.hyp", Quickstart, "0123", "100644", changed, "4567", "100644", "new/quickstart.hyp", "similarity index 90%\n"]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("hyp diff a/old/quickstart.hyp b/new/quickstart.hyp\nexperiment quickstart\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("+ model[10]: linear(64)", result.Output, StringComparison.Ordinal);
    }

    // Stores version 1 of the quick start's study: 3 finished trials inside the new space, one
    // outside it (lr 0.05), and a failed one.
    private static void StoreTrials(string path)
    {
        var compilation = HypCompilation.Create([SyntaxTree.Parse(File.ReadAllBytes(Quickstart), Quickstart)], new FileSystemSourceResolver());
        var (sources, _) = HypCompilationEmitter.Emit(compilation);
        using var loaded = new ExperimentAssemblyCompiler(ExperimentAssemblyCompiler.DefaultCacheDirectory).Load(sources);
        var definition = Assert.Single(loaded.Definitions());
        var space = definition.SearchSpace.ToDictionary(p => p.Name);
        var width = (CategoricalSpace)space["width"];

        using var store = SqliteStudyStore.Open(path);
        var version = store.CreateStudyVersion("quickstart", new SpecRecord(definition.StudyHash, Quickstart, File.ReadAllText(Quickstart), "test"), [StudyDirection.Maximize]);
        foreach (var (lr, state) in new[] { (0.001, TrialState.Complete), (0.01, TrialState.Complete), (0.02, TrialState.Complete), (0.05, TrialState.Complete), (0.01, TrialState.Failed) })
        {
            var trial = store.CreateRunningTrial(version.StudyId);
            store.SetParameter(trial.Id, space["lr"], lr);
            store.SetParameter(trial.Id, width, width.Choices[0]);
            store.SetParameter(trial.Id, space["dropout"], 0.1);
            store.FinishTrial(trial.Id, state, state == TrialState.Complete ? [0.8] : null);
        }
    }
}
