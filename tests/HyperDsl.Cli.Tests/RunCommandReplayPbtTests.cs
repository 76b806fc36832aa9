using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Population;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Tests;

/// <summary><c>hyp run --replay-pbt</c>: one more trial that follows the best PBT member's stored schedule.</summary>
public sealed class RunCommandReplayPbtTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-replay-pbt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_replay_adds_one_trial_that_follows_the_best_member_s_lineage_and_without_a_pbt_run_it_is_refused()
    {
        var spec = Path.Combine(_folder, "pbt.hyp");
        File.WriteAllText(spec, """
            experiment pbt_demo {
              params {
                lr   ~ loguniform(1e-3, 1e-1)
                drop ~ choice(0.0, 0.25, 0.5)
              }
              data { source synthetic(count: 128, shape: [1, 8, 8], classes: 2); validation 25% }
              model { conv(4, 3); relu; flatten; dropout(drop); linear(2) }
              train { epochs 3; batch 32; optimizer sgd(lr: lr, momentum: 0.9); schedule cosine }
              tune { objective maximize val_accuracy; sampler pbt(population: 3, interval: 1, resample: 0) }
            }
            """);

        var refused = CliRunner.Run(["run", spec, "--replay-pbt"]);
        var population = CliRunner.Run(["run", spec]);
        var replay = CliRunner.Run(["run", spec, "--replay-pbt"]);

        Assert.Equal(ExitCodes.UsageOrIo, refused.ExitCode);
        Assert.Contains("has no stored PBT schedule", refused.Error, StringComparison.Ordinal);
        Assert.True(population.ExitCode == 0, population.Error + population.Output);
        Assert.True(replay.ExitCode == 0, replay.Error + replay.Output);
        Assert.Contains("(pbt replay from epoch 1)", replay.Output, StringComparison.Ordinal);

        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "pbt.study.db"));
        var version = store.StudyVersions("pbt_demo")[^1];
        var trials = store.Trials(version.StudyId);
        Assert.Equal(4, trials.Count);
        var replayed = trials[^1];
        Assert.Equal(TrialState.Complete, replayed.State);
        Assert.Equal([1, 2, 3], replayed.Intermediate.Keys.Order());
        var lineage = PopulationLineage.StoredBest(store, "pbt_demo")!;
        Assert.Equal(lineage.Select(s => (s.FromEpoch, s.Parameters["lr"])), MemberStretch.Read(replayed.UserAttributes).Select(s => (s.FromEpoch, s.Parameters["lr"])));
        Assert.Equal(lineage[^1].Parameters["lr"], replayed.Parameters["lr"]);
    }
}
