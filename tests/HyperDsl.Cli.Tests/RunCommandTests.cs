using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.TestKit;

namespace HyperDsl.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-run-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_small_fashion_mnist_study_runs_end_to_end_and_prints_its_trial_table()
    {
        var spec = Write("fashion.hyp", $$"""
            experiment small_fashion {
              data {
                source     fashion_mnist("{{FashionMnistSmall.Directory}}")
                validation 10%
                normalize  auto
              }
              params {
                lr    ~ loguniform(1e-3, 3e-2)
                width ~ choice(8, 16)
              }
              model {
                conv(width, kernel: 3, padding: same)
                relu
                maxpool(2)
                flatten
                linear(10)
              }
              train {
                epochs    1
                batch     128
                optimizer adam(lr: lr)
              }
              tune {
                objective maximize val_accuracy
                sampler   random
                trials    4
                seed      1
              }
            }
            """);

        var run = CliRunner.Run(["run", spec]);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("study 'small_fashion' (new) in ", run.Output, StringComparison.Ordinal);
        Assert.Contains($"data: 5400 training, 600 validation, 1000 test images of 1x28x28 from Fashion-MNIST in {FashionMnistSmall.Directory}\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("stopped: the study has 4 trials", run.Output, StringComparison.Ordinal);
        var table = run.Output[run.Output.IndexOf("stopped:", StringComparison.Ordinal)..].Replace(_folder, "<tmp>", StringComparison.Ordinal);
        BaselineAssert.Matches(table, "RunCommandTests/small-fashion-study.txt");
        Assert.True(File.Exists(Path.Combine(_folder, "fashion.study.db")));
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "fashion.study.weights", "small_fashion")));

        var trials = CliRunner.Run(["trials", spec]);
        Assert.Equal(0, trials.ExitCode);
        Assert.Contains(table.Split('\n')[3], trials.Output, StringComparison.Ordinal);

        var again = CliRunner.Run(["run", spec]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("4 of 4 trials done; nothing to run", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_promoting_asha_study_on_fashion_mnist_pauses_trials_at_rungs_promotes_the_best_and_prunes_the_rest_at_the_end()
    {
        var spec = Write("promoting.hyp", $$"""
            experiment promoting {
              data {
                source     fashion_mnist("{{FashionMnistSmall.Directory}}")
                validation 10%
                normalize  auto
              }
              params { lr ~ loguniform(1e-3, 3e-2) }
              model {
                conv(8, kernel: 3, padding: same)
                relu
                maxpool(2)
                flatten
                linear(10)
              }
              train {
                epochs    3
                batch     128
                optimizer adam(lr: lr)
              }
              tune {
                objective maximize val_accuracy
                sampler   random
                pruner    asha(min_epochs: 1, reduction: 3, promote: true)
                trials    3
                seed      1
              }
            }
            """);

        var run = CliRunner.Run(["run", spec]);

        // Three trials pause at epoch 1; the best of the three is promoted from its checkpoint to epoch 3 and completes; the other two end pruned.
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Equal(3, run.Output.Split("paused at epoch 1 (a rung), waiting to be promoted").Length - 1);
        Assert.Single(run.Output.Split('\n'), line => line.Contains("(promoted from epoch 1)", StringComparison.Ordinal));
        Assert.Equal(2, run.Output.Split('\n').Count(line => line.StartsWith("trial ", StringComparison.Ordinal) && line.Contains("pruned after epoch 1", StringComparison.Ordinal)));
        Assert.Contains("stopped: the study has 3 trials", run.Output, StringComparison.Ordinal);
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "promoting.study.db"));
        var trials = store.Trials(Assert.Single(store.Studies()).Id);
        Assert.Equal([1, 1, 3], trials.Select(t => t.Intermediate.Count).Order());
        Assert.Equal([TrialState.Complete], trials.Where(t => t.Intermediate.Count == 3).Select(t => t.State));

        // The epochs before the rung were not trained again: epoch 2's line appears once, for the promoted trial only.
        Assert.Single(run.Output.Split('\n'), line => line.Contains(" epoch 2/3:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_promoting_hyperband_study_on_fashion_mnist_pauses_and_promotes_within_each_bracket_and_trains_no_epoch_twice()
    {
        // Three epochs, first rung 1, reduction 3: bracket 0 pauses at epoch 1, bracket 1 has no rung; trials 0, 2 and 4 are bracket 0's.
        var spec = Write("banded.hyp", $$"""
            experiment banded {
              data {
                source     fashion_mnist("{{FashionMnistSmall.Directory}}")
                validation 10%
                normalize  auto
              }
              params { lr ~ loguniform(1e-3, 3e-2) }
              model {
                conv(8, kernel: 3, padding: same)
                relu
                maxpool(2)
                flatten
                linear(10)
              }
              train {
                epochs    3
                batch     128
                optimizer adam(lr: lr)
              }
              tune {
                objective maximize val_accuracy
                sampler   random
                pruner    hyperband(min_epochs: 1, reduction: 3, promote: true)
                trials    5
                seed      1
              }
            }
            """);

        var run = CliRunner.Run(["run", spec]);

        // Bracket 0's three trials pause at epoch 1, its best is promoted from its checkpoint to epoch 3, the other two end pruned;
        // bracket 1's two trials train the three epochs without pausing.
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Equal(3, run.Output.Split("paused at epoch 1 (a rung), waiting to be promoted").Length - 1);
        Assert.Single(run.Output.Split('\n'), line => line.Contains("(promoted from epoch 1)", StringComparison.Ordinal));
        Assert.Equal(2, run.Output.Split('\n').Count(line => line.StartsWith("trial ", StringComparison.Ordinal) && line.Contains("pruned after epoch 1", StringComparison.Ordinal)));
        Assert.Contains("stopped: the study has 5 trials", run.Output, StringComparison.Ordinal);
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "banded.study.db"));
        var trials = store.Trials(Assert.Single(store.Studies()).Id);
        Assert.Equal([1, 1, 3, 3, 3], trials.Select(t => t.Intermediate.Count).Order());
        Assert.Equal([1, 3], trials.Where(t => t.Intermediate.Count == 3 && t.Number % 2 == 1).Select(t => t.Number));
        Assert.All(trials.Where(t => t.Intermediate.Count == 3), t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials.Where(t => t.Number % 2 == 1), t => Assert.False(t.SystemAttributes.ContainsKey(StudyAttributes.PausedAtRung)));

        // The epochs before the rung were not trained again: epoch 2 is trained three times, by bracket 1's two trials and the promoted one.
        Assert.Equal(3, run.Output.Split('\n').Count(line => line.Contains(" epoch 2/3:", StringComparison.Ordinal)));
        Assert.Equal(5, run.Output.Split('\n').Count(line => line.Contains(" epoch 1/3:", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_study_killed_mid_trial_resumes_without_losing_or_duplicating_trials()
    {
        var spec = Write("slow.hyp", SyntheticSpec(epochs: 60, trials: 2));
        var database = Path.Combine(_folder, "slow.study.db");
        using (var child = BackgroundHyp.Start(_folder, null, "run", spec))
        {
            var killedMidTrial = Poll.Until(() => RunningTrialWithProgress(database), TimeSpan.FromSeconds(90));
            child.Process.Kill(entireProcessTree: true);
            child.Process.WaitForExit();
            Assert.True(killedMidTrial, "the child never reported an epoch");
        }

        var resumed = CliRunner.Run(["run", spec]);

        Assert.True(resumed.ExitCode == 0, resumed.Error + resumed.Output);
        Assert.Contains("left unfinished by an earlier run", resumed.Output, StringComparison.Ordinal);
        using var store = SqliteStudyStore.Open(database);
        var trials = store.Trials(store.FindStudy("slow")!.Value);
        Assert.Equal(trials.Count, trials.Select(t => t.Number).Distinct().Count());
        var killed = Assert.Single(trials, t => t.State == TrialState.Failed);
        Assert.Contains("process running it stopped", killed.SystemAttributes["fail_reason"], StringComparison.Ordinal);
        var retry = Assert.Single(trials, t => t.UserAttributes.ContainsKey(StudyAttributes.RetryOf));
        Assert.Equal(killed.Parameters.OrderBy(p => p.Key), retry.Parameters.OrderBy(p => p.Key));
        Assert.Equal(2, trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal(3, trials.Count);
    }

    [Fact]
    public void A_trial_killed_mid_training_resumes_from_its_last_checkpoint_and_does_not_train_those_epochs_again()
    {
        const int epochs = 40;
        var spec = Write("slow.hyp", SyntheticSpec(epochs, trials: 1));
        var database = Path.Combine(_folder, "slow.study.db");
        using (var child = BackgroundHyp.Start(_folder, null, "run", spec, "--checkpoint-every", "1"))
        {
            var checkpointed = Poll.Until(() => RunningTrialCheckpointEpoch(database) >= 2, TimeSpan.FromSeconds(90));
            child.Process.Kill(entireProcessTree: true);
            child.Process.WaitForExit();
            Assert.True(checkpointed, "the child never wrote a checkpoint of epoch 2:\n" + child.Errors);
        }

        var resumed = CliRunner.Run(["run", spec, "--checkpoint-every", "1"]);

        Assert.True(resumed.ExitCode == 0, resumed.Error + resumed.Output);
        using var store = SqliteStudyStore.Open(database);
        var trials = store.Trials(store.FindStudy("slow")!.Value);
        var killed = Assert.Single(trials, t => t.State == TrialState.Failed);
        var retry = Assert.Single(trials, t => t.UserAttributes.ContainsKey(StudyAttributes.RetryOf));
        Assert.Equal(2, trials.Count);
        Assert.Equal(TrialState.Complete, retry.State);

        // The retry went on from the killed trial's last checkpoint, epoch k: it trained epochs k+1 to the end only,
        // and its curve's first k values are the killed trial's, bit for bit.
        // (A kill between renaming a checkpoint into place and recording it leaves the record one epoch behind the file.)
        var recorded = JsonInt(killed.SystemAttributes[StudyAttributes.Checkpoint], "epoch");
        var checkpoint = JsonInt(retry.SystemAttributes[StudyAttributes.ResumedFrom], "epoch");
        Assert.InRange(recorded, 2, epochs);
        Assert.InRange(checkpoint, recorded, recorded + 1);
        Assert.Equal(killed.Number, JsonInt(retry.SystemAttributes[StudyAttributes.ResumedFrom], "trial"));
        Assert.Equal((epochs - checkpoint).ToString(System.Globalization.CultureInfo.InvariantCulture), retry.UserAttributes[StudyAttributes.EpochsTrained]);
        Assert.Equal(Enumerable.Range(1, epochs), retry.Intermediate.Keys.Order());
        Assert.All(Enumerable.Range(1, checkpoint), e => Assert.Equal(BitConverter.DoubleToInt64Bits(killed.Intermediate[e]), BitConverter.DoubleToInt64Bits(retry.Intermediate[e])));
        Assert.Equal(killed.SystemAttributes[StudyAttributes.Seed], retry.SystemAttributes[StudyAttributes.Seed]);

        // Nothing is kept once the trial is done (--keep-checkpoints none).
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "slow.study.checkpoints"), "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    [Fact]
    public void Best_and_export_read_the_study_of_a_spec()
    {
        var spec = Write("quick.hyp", SyntheticSpec(epochs: 1, trials: 3));
        Assert.Equal(0, CliRunner.Run(["run", spec]).ExitCode);

        var best = CliRunner.Run(["best", spec]);
        var csv = CliRunner.Run(["export", spec, "--format", "csv"]);
        var json = CliRunner.Run(["export", spec, "--format", "json"]);

        Assert.Equal(0, best.ExitCode);
        Assert.Contains("Best trial of 'slow': #", best.Output, StringComparison.Ordinal);
        Assert.Contains("  lr = ", best.Output, StringComparison.Ordinal);
        Assert.Contains("weights: ", best.Output, StringComparison.Ordinal);
        var rows = csv.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("number,state,val_accuracy,lr,width,epochs,started,completed,seconds,fail_reason", rows[0]);
        Assert.Equal(4, rows.Length);
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        Assert.Equal(3, document.RootElement.GetProperty("trials").GetArrayLength());
        Assert.Equal("slow", document.RootElement.GetProperty("study").GetString());
    }

    [Fact]
    public void Changing_the_search_space_starts_a_new_study_version_and_warm_start_carries_trials_over()
    {
        var spec = Write("quick.hyp", SyntheticSpec(epochs: 1, trials: 3));
        Assert.Equal(0, CliRunner.Run(["run", spec]).ExitCode);
        File.WriteAllText(spec, SyntheticSpec(epochs: 1, trials: 3).Replace("choice(4, 8)", "choice(4, 8, 16)", StringComparison.Ordinal));

        var changed = CliRunner.Run(["run", spec, "--warm-start"]);

        Assert.True(changed.ExitCode == 0, changed.Error + changed.Output);
        Assert.Contains("study 'slow@v2' (new version 2: the spec changed since version 1 ('slow'); 3 finished trials carried over)", changed.Output, StringComparison.Ordinal);
        Assert.Contains("3 of 3 trials done; nothing to run", changed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comment_or_a_bigger_budget_continues_the_same_study()
    {
        var spec = Write("quick.hyp", SyntheticSpec(epochs: 1, trials: 2));
        Assert.Equal(0, CliRunner.Run(["run", spec]).ExitCode);
        File.WriteAllText(spec, "// tuned further\n" + SyntheticSpec(epochs: 1, trials: 3));

        var more = CliRunner.Run(["run", spec]);

        Assert.Contains("study 'slow' (version 1, continuing)", more.Output, StringComparison.Ordinal);
        Assert.Contains("2 of 3 trials done", more.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_refuses_a_spec_with_errors_before_training_anything()
    {
        var spec = Write("bad.hyp", SyntheticSpec(epochs: 1, trials: 2).Replace("linear(2)", "linear(2, nonsense: 1)", StringComparison.Ordinal));

        var result = CliRunner.Run(["run", spec]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error HYP", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was run", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "bad.study.db")));
    }

    [Fact]
    public void A_file_that_is_not_a_study_database_is_reported_and_left_alone()
    {
        var spec = Write("quick.hyp", SyntheticSpec(epochs: 1, trials: 1));
        var notADatabase = Write("notes.db", "these are my notes\n");

        var result = CliRunner.Run(["run", spec, "--storage", notADatabase]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(notADatabase, result.Error, StringComparison.Ordinal);
        Assert.Equal("these are my notes\n", File.ReadAllText(notADatabase));
    }

    [Fact]
    public void A_missing_data_set_is_reported_before_anything_is_stored()
    {
        var spec = Write("folder.hyp", SyntheticSpec(epochs: 1, trials: 1).Replace("synthetic(count: 512, shape: [1, 12, 12], classes: 2)", "image_folder(\"no-such-folder\", channels: 1)\n    resize     12", StringComparison.Ordinal));

        var result = CliRunner.Run(["run", spec]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-folder", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "folder.study.db")));
    }

    [Fact]
    public void A_named_data_folder_without_the_files_stops_the_run_naming_the_folder_and_the_files()
    {
        var spec = Write("named.hyp", SyntheticSpec(epochs: 1, trials: 1)
            .Replace("synthetic(count: 512, shape: [1, 12, 12], classes: 2)", "fashion_mnist(\"/nonexistent/path\")", StringComparison.Ordinal)
            .Replace("linear(2)", "linear(10)", StringComparison.Ordinal));

        var result = CliRunner.Run(["run", spec]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("hyp: error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("'/nonexistent/path'", result.Error, StringComparison.Ordinal);
        Assert.Contains("train-images-idx3-ubyte.gz", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/usr/share/datasets", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "named.study.db")));
    }

    [Fact]
    public void Images_smaller_than_the_model_takes_stop_the_run_before_anything_is_stored()
    {
        WriteIdx("images.idx", 3, [64, 1, 1], new byte[64]);
        WriteIdx("labels.idx", 1, [64], [.. Enumerable.Range(0, 64).Select(i => (byte)(i % 2))]);
        var spec = Write("tiny-images.hyp", SyntheticSpec(epochs: 1, trials: 2)
            .Replace("synthetic(count: 512, shape: [1, 12, 12], classes: 2)", "idx(images: \"images.idx\", labels: \"labels.idx\")\n    input      [1, 12, 12]", StringComparison.Ordinal));

        var result = CliRunner.Run(["run", spec]);

        Assert.True(result.ExitCode == 2, result.Error + result.Output);
        Assert.Contains("1x1x1", result.Error, StringComparison.Ordinal);
        Assert.Contains("1x12x12", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("frame #", result.Error + result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "tiny-images.study.db")));
    }

    [Fact]
    public void A_gpu_the_machine_lacks_stops_the_run_naming_it_before_anything_is_stored()
    {
        var missing = TorchSharp.torch.cuda.is_available() ? TorchSharp.torch.cuda.device_count() : 0;
        var spec = Write("gpus.hyp", SyntheticSpec(epochs: 1, trials: 2)
            .Replace("batch     64", $"batch     64\n    device    cuda: {missing}", StringComparison.Ordinal));

        var result = CliRunner.Run(["run", spec]);

        Assert.True(result.ExitCode == 2, result.Error + result.Output);
        Assert.StartsWith("hyp: error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains($"'cuda: {missing}'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "gpus.study.db")));
    }

    [Fact]
    public void A_bad_HYP_OMP_WAIT_stops_the_run_naming_the_choices_before_anything_is_stored()
    {
        Write("omp.hyp", SyntheticSpec(epochs: 1, trials: 1));

        var result = CliRunner.RunProcess(_folder, start => start.Environment["HYP_OMP_WAIT"] = "spin", ["run", "omp.hyp"]);

        Assert.True(result.ExitCode == 2, result.Error + result.Output);
        Assert.StartsWith("hyp: error: HYP_OMP_WAIT is 'spin'", result.Error, StringComparison.Ordinal);
        Assert.Contains("auto, active or passive", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "omp.study.db")));
    }

    [Fact]
    public void Trials_without_a_study_says_to_run_it_first()
    {
        var spec = Write("quick.hyp", SyntheticSpec(epochs: 1, trials: 1));

        var result = CliRunner.Run(["trials", spec]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run `hyp run", result.Error, StringComparison.Ordinal);
    }

    private static string SyntheticSpec(int epochs, int trials) => $$"""
        experiment slow {
          data {
            source     synthetic(count: 512, shape: [1, 12, 12], classes: 2)
            validation 25%
          }
          params {
            lr    ~ loguniform(1e-3, 1e-1)
            width ~ choice(4, 8)
          }
          model {
            conv(width, kernel: 3)
            relu
            flatten
            linear(2)
          }
          train {
            epochs    {{epochs}}
            batch     64
            optimizer sgd(lr: lr)
          }
          tune {
            objective maximize val_accuracy
            sampler   random
            trials    {{trials}}
            seed      3
          }
        }
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private void WriteIdx(string name, byte rank, int[] dimensions, byte[] values) =>
        File.WriteAllBytes(Path.Combine(_folder, name), [0, 0, 8, rank, .. dimensions.SelectMany(d => BitConverter.GetBytes(d).Reverse()), .. values]);

    private static int JsonInt(string json, string property)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty(property).GetInt32();
    }

    // The epoch of the running trial's last checkpoint, as the store records it (0 when none yet).
    private static int RunningTrialCheckpointEpoch(string database)
    {
        if (!File.Exists(database))
        {
            return 0;
        }

        try
        {
            using var store = SqliteStudyStore.Open(database);
            return store.FindStudy("slow") is { } study
                && store.Trials(study).FirstOrDefault(t => t.State == TrialState.Running && t.SystemAttributes.ContainsKey(StudyAttributes.Checkpoint)) is { } running
                ? JsonInt(running.SystemAttributes[StudyAttributes.Checkpoint], "epoch")
                : 0;
        }
        catch (StudyStoreException)
        {
            return 0;
        }
    }

    private static bool RunningTrialWithProgress(string database)
    {
        if (!File.Exists(database))
        {
            return false;
        }

        try
        {
            using var store = SqliteStudyStore.Open(database);
            return store.FindStudy("slow") is { } study && store.Trials(study).Any(t => t.State == TrialState.Running && t.Intermediate.Count >= 1);
        }
        catch (StudyStoreException)
        {
            return false;
        }
    }
}
