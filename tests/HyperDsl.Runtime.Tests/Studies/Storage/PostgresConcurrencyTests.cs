using System.Diagnostics;
using HyperDsl.Runtime.Search;
using Npgsql;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>Many workers on one PostgreSQL study, and workers of Optuna's kind holding its rows.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresConcurrencyTests(PostgresServer server) : IDisposable
{
    private const int Workers = 6;
    private const int Rounds = 25;
    private readonly PostgresDatabase _database = server.NewDatabase();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Six_instances_creating_queueing_and_claiming_at_once_never_share_a_number_or_a_claim()
    {
        var stores = Enumerable.Range(0, Workers).Select(_ => _database.Open()).ToList();
        try
        {
            var study = stores[0].CreateStudy("s", [StudyDirection.Minimize]);
            var queued = Enumerable.Range(0, Workers * Rounds).Select(i => stores[0].EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = (long)(i % 5) + 1 }).Id).ToList();

            var work = Simultaneous.Run(Workers, w => Enumerable.Range(0, Rounds).SelectMany(_ =>
            {
                var store = stores[w];
                var created = store.CreateRunningTrial(study);
                var claimed = store.StartNextTrial(study, budget: null, create: false).Trial;
                var requeued = store.EnqueueTrial(study, new Dictionary<string, object>());
                return new[] { ("created", created), ("claimed", claimed!), ("queued", requeued) };
            }).ToList());

            var trials = stores[Workers - 1].Trials(study);
            Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
            Assert.Equal(Workers * Rounds * 3, trials.Count);
            var claimed = work.Where(w => w.Item1 == "claimed").Select(w => w.Item2).ToList();
            Assert.All(claimed, Assert.NotNull);
            Assert.Equal(claimed.Count, claimed.Select(t => t.Id).Distinct().Count());
            Assert.All(claimed, t => Assert.Contains(t.Id, queued));
            Assert.All(work.Where(w => w.Item1 != "queued"), w => Assert.Equal(TrialState.Running, trials.Single(t => t.Id == w.Item2.Id).State));
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void A_claim_passes_over_a_waiting_trial_another_worker_holds_without_waiting_for_it()
    {
        using var store = _database.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var first = store.EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = 1L });
        var second = store.EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = 2L });
        using var other = new NpgsqlConnection(server.ConnectionString(_database.Name));
        other.Open();
        using var holding = other.BeginTransaction();
        using (var hold = new NpgsqlCommand($"SELECT trial_id FROM trials WHERE trial_id = {first.Id} FOR UPDATE", other, holding))
        {
            hold.ExecuteScalar();
        }

        var clock = Stopwatch.StartNew();
        var claimed = store.StartNextTrial(study, budget: null, create: false).Trial;

        Assert.Equal(second.Id, claimed?.Id);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The claim waited {clock.Elapsed} for the held trial.");
        holding.Rollback();
        Assert.Equal(first.Id, store.StartNextTrial(study, budget: null, create: false).Trial?.Id);
    }

    [Fact]
    public async Task A_trial_started_while_an_optuna_worker_holds_the_study_is_numbered_after_that_workers_trial()
    {
        using var store = _database.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        using var optuna = new NpgsqlConnection(server.ConnectionString(_database.Name));
        optuna.Open();
        var holding = optuna.BeginTransaction();
        using (var hold = new NpgsqlCommand($"SELECT study_id FROM studies WHERE study_id = {study} FOR UPDATE", optuna, holding))
        {
            hold.ExecuteScalar();
        }

        // As Optuna's _create_new_trial: the study's row held, a trial numbered by the count.
        using (var insert = new NpgsqlCommand($"INSERT INTO trials (number, study_id, state, datetime_start) VALUES (0, {study}, 'RUNNING', LOCALTIMESTAMP)", optuna, holding))
        {
            insert.ExecuteNonQuery();
        }

        var ours = Task.Run(() => store.CreateRunningTrial(study));
        Assert.NotSame(ours, await Task.WhenAny(ours, Task.Delay(500)));
        await holding.CommitAsync();
        await holding.DisposeAsync();

        Assert.Equal(1, (await ours).Number);
        Assert.Equal([0, 1], store.Trials(study).Select(t => t.Number));
    }
}
