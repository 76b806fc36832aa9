using System.Diagnostics;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>Connections the server ends, servers that cannot be reached, and COMMITs whose outcome is unknown.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresConnectionFaultTests(PostgresServer server) : IDisposable
{
    private const string EndStoreConnections =
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hyperdsl' AND datname = current_database()";

    private readonly PostgresDatabase _database = server.NewDatabase();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void After_the_server_ends_the_connection_the_next_operations_succeed_on_a_new_one()
    {
        using var store = _database.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var first = store.CreateRunningTrial(study);
        var before = BackendOf(store);

        _database.Execute(EndStoreConnections);
        Assert.Single(store.Trials(study));
        _database.Execute(EndStoreConnections);
        var second = store.CreateRunningTrial(study);
        _database.Execute(EndStoreConnections);
        store.SetParameter(second.Id, StoreSpaces.Layers, 3L);
        _database.Execute(EndStoreConnections);
        Assert.True(store.FinishTrial(second.Id, TrialState.Complete, [0.25]));

        var trials = store.Trials(study);
        Assert.Equal([(first.Id, 0), (second.Id, 1)], trials.Select(t => (t.Id, t.Number)));
        Assert.Equal((TrialState.Complete, 3L, 0.25), (trials[1].State, trials[1].Parameters["layers"], trials[1].Values![0]));
        Assert.NotEqual(before, BackendOf(store));
    }

    [Fact]
    public void Trials_written_while_connections_keep_being_ended_are_recorded_once_each()
    {
        var stores = new[] { _database.Open(), _database.Open() };
        try
        {
            var study = stores[0].CreateStudy("s", [StudyDirection.Minimize]);
            var done = false;
            var ended = 0;
            Exception? killerError = null;
            var killer = new Thread(() =>
            {
                try
                {
                    while (!Volatile.Read(ref done))
                    {
                        _database.Execute(EndStoreConnections);
                        ended++;

                        // After the first ten rounds (what the test asks for, reached in about 0.2 s),
                        // every fifth round a longer quiet spell, so a write that takes longer than
                        // 20 ms on a loaded machine still gets through before the store gives up.
                        Thread.Sleep(ended > 10 && ended % 5 == 0 ? 200 : 20);
                    }
                }
                catch (Exception e)
                {
                    killerError = e;
                }
            });
            killer.Start();

            List<(StoredTrial? Trial, bool Lost)> outcomes;
            try
            {
                outcomes = Simultaneous.Run(stores.Length, w => Enumerable.Range(0, 40).Select(i => Write(stores[w], study, i)).ToList());
            }
            finally
            {
                Volatile.Write(ref done, true);
                killer.Join();
            }

            Assert.Null(killerError);

            var written = outcomes.Where(o => o.Trial is not null).Select(o => o.Trial!).ToList();
            var lost = outcomes.Count(o => o.Lost);
            var trials = stores[0].Trials(study);
            Assert.True(ended > 10, $"Only {ended} rounds of ended connections.");
            Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
            Assert.InRange(trials.Count, written.Count, written.Count + lost);
            foreach (var trial in written)
            {
                var read = trials.Single(t => t.Id == trial.Id);
                Assert.Equal((TrialState.Complete, trial.Number % 5 + 1L), (read.State, read.Parameters["layers"]));
                Assert.Equal([trial.Number], read.Values);
                Assert.Equal(3, read.Intermediate.Count);
            }
        }
        finally
        {
            Array.ForEach(stores, s => s.Dispose());
        }
    }

    [Fact]
    public void A_connection_lost_before_commit_is_tried_again_and_records_the_trial_once()
    {
        using var store = _database.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        ArmFault("INSERT", deferred: false);

        var trial = store.CreateRunningTrial(study);

        Assert.Equal(0, trial.Number);
        Assert.Equal([trial.Id], store.Trials(study).Select(t => t.Id));
        Assert.Equal(2, FaultFirings());
    }

    [Fact]
    public void A_trial_whose_creation_lost_its_commit_is_not_created_again()
    {
        using var store = _database.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        ArmFault("INSERT", deferred: true);

        var error = Assert.Throws<StudyStoreException>(() => store.CreateRunningTrial(study));

        Assert.Contains("while committing (to start a trial)", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not try it again", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.Trials(study));
        Assert.Equal(0, store.CreateRunningTrial(study).Number);
        Assert.Equal(2, FaultFirings());
    }

    [Fact]
    public void Finishing_a_trial_whose_commit_was_lost_is_tried_again_and_still_says_it_finished_it()
    {
        using var store = _database.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        ArmFault("UPDATE", deferred: true);

        Assert.True(store.FinishTrial(trial.Id, TrialState.Complete, [0.5]));

        var read = Assert.Single(store.Trials(study));
        Assert.Equal((TrialState.Complete, 0.5), (read.State, read.Values![0]));
        Assert.Equal(2, FaultFirings());
    }

    [Fact]
    public void A_server_that_cannot_be_reached_fails_after_the_retry_limit_saying_for_how_long()
    {
        var url = $"postgresql://postgres:{PostgresServer.Password}@127.0.0.1:{PostgresServer.FreePort()}/studies";
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<StudyStoreException>(() =>
            PostgresStudyStore.Open(url, TimeProvider.System, new StoreRetryPolicy { GiveUpAfter = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromMilliseconds(500) }));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));
        Assert.Contains("could not be reached for 2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://postgres@127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, error.Message, StringComparison.Ordinal);
    }

    /// <summary>One write of a worker: a trial with a parameter, three intermediate values and its value; a lost COMMIT of its creation counts as lost.</summary>
    private static (StoredTrial? Trial, bool Lost) Write(IStudyStore store, long study, int round)
    {
        StoredTrial trial;
        try
        {
            trial = store.CreateRunningTrial(study);
        }
        catch (StudyStoreException e) when (e.Message.Contains("does not try it again", StringComparison.Ordinal))
        {
            return (null, true);
        }

        store.SetParameter(trial.Id, StoreSpaces.Layers, trial.Number % 5 + 1L);
        for (var step = 0; step < 3; step++)
        {
            store.ReportIntermediate(trial.Id, step, round + step);
        }

        store.RecordHeartbeat(trial.Id);
        Assert.True(store.FinishTrial(trial.Id, TrialState.Complete, [trial.Number]));
        return (trial, false);
    }

    /// <summary>The server process behind the store's connection, as the store's next read sees it.</summary>
    private object? BackendOf(IStudyStore store)
    {
        store.Studies();
        return _database.Scalar("SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE application_name = 'hyperdsl' AND datname = current_database()");
    }

    /// <summary>
    /// Makes the next <paramref name="operation"/> on trials end its own connection: during the
    /// statement, or (<paramref name="deferred"/>) during its COMMIT, before the commit is done. Only
    /// the first time: a sequence counts the firings, and a sequence does not roll back with the
    /// transaction the fault ends.
    /// </summary>
    private void ArmFault(string operation, bool deferred) => _database.Execute(
        "CREATE SEQUENCE fault_firings;" +
        "CREATE FUNCTION end_own_connection_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
        "IF nextval('fault_firings') = 1 THEN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(10); END IF; " +
        "RETURN NULL; END $$;" +
        (deferred
            ? $"CREATE CONSTRAINT TRIGGER fault AFTER {operation} ON trials DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION end_own_connection_once();"
            : $"CREATE TRIGGER fault AFTER {operation} ON trials FOR EACH ROW EXECUTE FUNCTION end_own_connection_once();"));

    private long FaultFirings() => (long)_database.Scalar("SELECT last_value FROM fault_firings")!;
}
