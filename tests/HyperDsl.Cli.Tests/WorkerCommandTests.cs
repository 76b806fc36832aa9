using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Tests;

public sealed class WorkerCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-worker-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // 6 x 5 x 2 = 60 grid points, each a one-epoch trial on 64 tiny images.
    private const string GridSpec = """
        experiment shared_grid {
          data {
            source     synthetic(count: 64, shape: [1, 6, 6], classes: 2)
            validation 25%
          }
          params {
            lr    ~ choice(0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
            width ~ choice(2, 3, 4, 5, 6)
            batch ~ choice(16, 32)
          }
          model {
            conv(width, kernel: 3)
            relu
            flatten
            linear(2)
          }
          train {
            epochs    1
            batch     batch
            optimizer sgd(lr: lr)
          }
          tune {
            objective maximize val_accuracy
            sampler   grid
            seed      1
          }
        }
        """;

    [Fact]
    public void Four_workers_share_a_60_point_grid_each_point_and_number_exactly_once()
    {
        var spec = Path.Combine(_folder, "grid.hyp");
        File.WriteAllText(spec, GridSpec);
        var database = Path.Combine(_folder, "shared.db");

        var workers = Enumerable.Range(0, 4).Select(_ => BackgroundHyp.Start(_folder, null, "worker", spec, "--storage", database)).ToList();
        foreach (var worker in workers)
        {
            worker.AssertSucceeds(TimeSpan.FromMinutes(4));
        }

        using var store = SqliteStudyStore.Open(database);
        var trials = store.Trials(store.FindStudy("shared_grid")!.Value);
        Assert.Equal(60, trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal(60, trials.Count);
        Assert.Equal(Enumerable.Range(0, 60), trials.Select(t => t.Number).Order());
        Assert.Equal(60, trials.Select(t => string.Join(",", t.Parameters.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))).Distinct().Count());
        Assert.True(trials.Select(t => t.SystemAttributes["hyperdsl:worker"]).Distinct().Count() > 1, "one worker did all the work");
        foreach (var worker in workers)
        {
            worker.Dispose();
        }
    }

    [Fact]
    public void A_worker_without_a_shared_store_is_refused()
    {
        var spec = Path.Combine(_folder, "grid.hyp");
        File.WriteAllText(spec, GridSpec);

        var result = CliRunner.Run(["worker", spec]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--storage URI or $HYP_STORAGE", result.Error, StringComparison.Ordinal);
    }
}
