using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.TestKit;

namespace HyperDsl.Cli.Tests;

/// <summary>Worker processes sharing one study through the test run's private PostgreSQL server.</summary>
public sealed class PostgresWorkerTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-pg-workers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A cheap objective: each epoch trains a tiny CNN on 64 images (milliseconds).
    private static string Spec(int epochs, int trials) => $$"""
        experiment shared {
          data {
            source     synthetic(count: 64, shape: [1, 6, 6], classes: 2)
            validation 25%
          }
          params {
            lr    ~ loguniform(1e-3, 3e-1)
            width ~ choice(2, 4, 8)
          }
          model {
            conv(width, kernel: 3)
            relu
            flatten
            linear(2)
          }
          train {
            epochs    {{epochs}}
            batch     16
            optimizer sgd(lr: lr)
          }
          tune {
            objective maximize val_accuracy
            sampler   tpe(startup: 5)
            trials    {{trials}}
            seed      2
          }
        }
        """;

    [Fact]
    public void Four_workers_finish_the_study_even_when_one_is_killed_mid_trial()
    {
        const int trials = 24, epochs = 12;
        var url = server.Url(server.CreateDatabase());
        var spec = Path.Combine(_folder, "shared.hyp");
        File.WriteAllText(spec, Spec(epochs, trials));
        var workers = Enumerable.Range(0, 4).Select(_ => BackgroundHyp.Start(_folder, url, "worker", spec)).ToList();

        // Kill one worker -9 while it trains a trial that has reported an epoch. The trial must still
        // have most of its epochs ahead: one that finished between the poll and the kill left nothing
        // in flight to recover (stop 24's CI run lost that race with 3-epoch trials).
        var victim = workers[0];
        var killed = Poll.Until(() => RunningTrialsOf(url, victim.Process.Id).Any(t => t.Intermediate.Count is >= 1 and <= 3), TimeSpan.FromMinutes(2));
        victim.Process.Kill(entireProcessTree: true);
        victim.Process.WaitForExit();
        Assert.True(killed, "the worker never reported an epoch");
        foreach (var worker in workers.Skip(1))
        {
            worker.AssertSucceeds(TimeSpan.FromMinutes(5));
        }

        using var store = StudyStores.Open(url);
        var stored = store.Trials(store.FindStudy("shared")!.Value);
        Assert.Equal(Enumerable.Range(0, stored.Count), stored.Select(t => t.Number).Order());
        var dead = stored.Where(t => t.State == TrialState.Failed).ToList();
        Assert.NotEmpty(dead);
        Assert.All(dead, t => Assert.Contains("stopped", t.SystemAttributes["fail_reason"], StringComparison.Ordinal));
        var retries = stored.Where(t => t.UserAttributes.ContainsKey(StudyAttributes.RetryOf)).ToList();
        Assert.Equal(dead.Count, retries.Count);
        Assert.Equal(trials, stored.Count(t => t.State is TrialState.Complete or TrialState.Pruned));
        Assert.True(stored.All(t => t.State is not (TrialState.Running or TrialState.Waiting)));
        foreach (var worker in workers)
        {
            worker.Dispose();
        }
    }

    [Fact]
    public void A_killed_workers_trial_is_resumed_by_another_worker_from_its_checkpoint_and_nothing_is_lost_or_duplicated()
    {
        const int trials = 6, epochs = 12;
        var url = server.Url(server.CreateDatabase());
        var spec = Path.Combine(_folder, "resumed.hyp");
        File.WriteAllText(spec, Spec(epochs, trials).Replace("experiment shared", "experiment resumed", StringComparison.Ordinal));
        var checkpoints = Path.Combine(_folder, "checkpoints");
        string[] Args() => ["worker", spec, "--checkpoint-every", "1", "--checkpoint-dir", checkpoints];
        var workers = Enumerable.Range(0, 2).Select(_ => BackgroundHyp.Start(_folder, url, Args())).ToList();

        // Kill one worker -9 once its trial has a checkpoint of epoch 2 and most of its epochs ahead.
        var victim = workers[0];
        var killed = Poll.Until(() => RunningTrialsOf(url, victim.Process.Id, "resumed").Any(t => CheckpointEpoch(t) is >= 2 and <= 4), TimeSpan.FromMinutes(2));
        victim.Process.Kill(entireProcessTree: true);
        victim.Process.WaitForExit();
        Assert.True(killed, "the worker never wrote a checkpoint");
        workers[1].AssertSucceeds(TimeSpan.FromMinutes(5));

        using var store = StudyStores.Open(url);
        var stored = store.Trials(store.FindStudy("resumed")!.Value);
        Assert.Equal(Enumerable.Range(0, stored.Count), stored.Select(t => t.Number).Order());
        Assert.Equal(trials, stored.Count(t => t.State is TrialState.Complete or TrialState.Pruned));
        Assert.True(stored.All(t => t.State is not (TrialState.Running or TrialState.Waiting)));
        var dead = stored.Where(t => t.State == TrialState.Failed && CheckpointEpoch(t) >= 2).ToList();
        Assert.NotEmpty(dead);
        foreach (var trial in dead)
        {
            var retry = Assert.Single(stored, t => t.UserAttributes.TryGetValue(StudyAttributes.RetryOf, out var of) && of == trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var epoch = JsonInt(retry.SystemAttributes[StudyAttributes.ResumedFrom], "epoch");
            Assert.InRange(epoch, CheckpointEpoch(trial)!.Value, CheckpointEpoch(trial)!.Value + 1);
            Assert.Equal((epochs - epoch).ToString(System.Globalization.CultureInfo.InvariantCulture), retry.UserAttributes[StudyAttributes.EpochsTrained]);
            Assert.Equal(epochs, retry.Intermediate.Count);
        }

        Assert.Empty(Directory.GetFiles(checkpoints, "*", SearchOption.AllDirectories));
        foreach (var worker in workers)
        {
            worker.Dispose();
        }
    }

    private static int? CheckpointEpoch(StoredTrial trial) =>
        trial.SystemAttributes.TryGetValue(StudyAttributes.Checkpoint, out var json) ? JsonInt(json, "epoch") : null;

    private static int JsonInt(string json, string property)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty(property).GetInt32();
    }

    [Fact]
    public void Workers_ride_through_a_database_restart_and_nothing_is_lost()
    {
        var url = server.Url(server.CreateDatabase());
        var spec = Path.Combine(_folder, "restart.hyp");
        File.WriteAllText(spec, Spec(epochs: 1, trials: 30));
        var workers = Enumerable.Range(0, 2).Select(_ => BackgroundHyp.Start(_folder, url, "worker", spec)).ToList();

        Assert.True(Poll.Until(() => CompleteTrials(url) >= 5, TimeSpan.FromMinutes(2)), "the workers never got going");
        server.Restart();
        foreach (var worker in workers)
        {
            worker.AssertSucceeds(TimeSpan.FromMinutes(5));
            worker.Dispose();
        }

        using var store = StudyStores.Open(url);
        var trials = store.Trials(store.FindStudy("shared")!.Value);
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number).Order());
        Assert.Equal(30, trials.Count(t => t.State is TrialState.Complete or TrialState.Pruned));
    }

    private static int CompleteTrials(string url)
    {
        try
        {
            using var store = StudyStores.Open(url);
            return store.FindStudy("shared") is { } study ? store.Trials(study).Count(t => t.State == TrialState.Complete) : 0;
        }
        catch (StudyStoreException)
        {
            return 0;
        }
    }

    private static List<StoredTrial> RunningTrialsOf(string url, int pid, string name = "shared")
    {
        try
        {
            using var store = StudyStores.Open(url);
            return store.FindStudy(name) is { } study
                ? [.. store.Trials(study).Where(t => t.State == TrialState.Running && t.SystemAttributes.TryGetValue(StudyAttributes.Worker, out var w) && w.Contains($":{pid}:", StringComparison.Ordinal))]
                : [];
        }
        catch (StudyStoreException)
        {
            return [];
        }
    }
}
