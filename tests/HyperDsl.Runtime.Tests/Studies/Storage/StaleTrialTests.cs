using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>Trials whose worker stopped beating are failed, judged as Optuna judges them.</summary>
public abstract class StaleTrialTests(IStoreBackend backend) : StoreContract(backend)
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_running_trial_without_a_recent_heartbeat_fails_with_the_reason()
    {
        using var store = Backend.Open(_clock);
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        Backend.PassTime(_clock, TimeSpan.FromMinutes(6));

        var failed = store.FailStaleTrials(study, StaleAfter, "no heartbeat for 5 minutes");

        Assert.Equal([trial.Id], failed.Select(t => t.Id));
        var read = Assert.Single(store.Trials(study));
        Assert.Equal(TrialState.Failed, read.State);
        Assert.Equal("\"no heartbeat for 5 minutes\"", read.SystemAttributes["fail_reason"]);
        Assert.Equal(new DateTime(2026, 7, 1, 14, 6, 0), read.Completed);
    }

    [Fact]
    public void A_recent_heartbeat_keeps_a_trial_running()
    {
        using var store = Backend.Open(_clock);
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        Backend.PassTime(_clock, TimeSpan.FromMinutes(4));
        store.RecordHeartbeat(trial.Id);
        Backend.PassTime(_clock, TimeSpan.FromMinutes(4));

        Assert.Empty(store.FailStaleTrials(study, StaleAfter, "stale"));
        Assert.Equal(TrialState.Running, Assert.Single(store.Trials(study)).State);
    }

    [Fact]
    public void A_trial_paused_at_a_rung_is_not_stale_and_is_claimed_once_then_judged_by_its_new_heartbeat()
    {
        using var store = Backend.Open(_clock);
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.PausedAtRung, "3");
        Backend.PassTime(_clock, TimeSpan.FromMinutes(60));

        // Paused, nobody heartbeats it: that is no sign of a dead worker.
        Assert.Empty(store.FailStaleTrials(study, StaleAfter, "stale"));

        Assert.True(store.ClaimPausedTrial(trial.Id));
        Assert.False(store.ClaimPausedTrial(trial.Id));
        Assert.Equal("null", Assert.Single(store.Trials(study)).SystemAttributes[StudyAttributes.PausedAtRung]);

        // Resumed, it is an ordinary running trial: the claim's heartbeat, then none, makes it stale.
        Backend.PassTime(_clock, TimeSpan.FromMinutes(4));
        Assert.Empty(store.FailStaleTrials(study, StaleAfter, "stale"));
        Backend.PassTime(_clock, TimeSpan.FromMinutes(2));
        Assert.Equal([trial.Id], store.FailStaleTrials(study, StaleAfter, "stale").Select(t => t.Id));
        Assert.False(store.ClaimPausedTrial(trial.Id));
    }

    [Fact]
    public void A_trial_without_a_heartbeat_row_is_judged_by_its_start()
    {
        using var store = Backend.Open(_clock);
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var old = store.CreateRunningTrial(study);
        Backend.PassTime(_clock, TimeSpan.FromMinutes(3));
        var recent = store.CreateRunningTrial(study);
        DeleteHeartbeats();
        Backend.PassTime(_clock, TimeSpan.FromMinutes(4));

        Assert.Equal([old.Id], store.FailStaleTrials(study, StaleAfter, "stale").Select(t => t.Id));
        Backend.PassTime(_clock, TimeSpan.FromMinutes(2));
        Assert.Equal([recent.Id], store.FailStaleTrials(study, StaleAfter, "stale").Select(t => t.Id));
    }

    [Fact]
    public void Stale_trials_come_back_as_they_were_and_finished_or_waiting_trials_are_left_alone()
    {
        using var store = Backend.Open(_clock);
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var stale = store.CreateRunningTrial(study);
        store.SetParameter(stale.Id, StoreSpaces.Layers, 3L);
        store.ReportIntermediate(stale.Id, 0, 0.4);
        var done = store.CreateRunningTrial(study);
        store.FinishTrial(done.Id, TrialState.Complete, [1.0]);
        store.EnqueueTrial(study, new Dictionary<string, object>());
        Backend.PassTime(_clock, TimeSpan.FromHours(1));

        var failed = Assert.Single(store.FailStaleTrials(study, StaleAfter, "stale"));

        Assert.Equal((TrialState.Running, 3L, 0.4), (failed.State, failed.Parameters["layers"], failed.Intermediate[0]));
        Assert.Equal([TrialState.Failed, TrialState.Complete, TrialState.Waiting], store.Trials(study).Select(t => t.State));
    }

    [Fact]
    public void A_trial_failed_as_stale_cannot_be_finished_by_its_late_worker()
    {
        using var store = Backend.Open(_clock);
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        Backend.PassTime(_clock, TimeSpan.FromHours(1));
        store.FailStaleTrials(study, StaleAfter, "stale");

        Assert.False(store.FinishTrial(trial.Id, TrialState.Complete, [0.1]));
        Assert.Equal(TrialState.Failed, Assert.Single(store.Trials(study)).State);
    }

    [Fact]
    public void Workers_recovering_the_same_stale_trials_at_once_queue_each_retry_once()
    {
        const int Workers = 4;
        const int StaleTrials = 12;
        var stores = Enumerable.Range(0, Workers).Select(_ => Backend.Open(_clock)).ToList();
        try
        {
            var study = stores[0].CreateStudy("s", [StudyDirection.Minimize]);
            var stale = Enumerable.Range(0, StaleTrials).Select(i =>
            {
                var trial = stores[0].CreateRunningTrial(study);
                stores[0].SetParameter(trial.Id, StoreSpaces.Layers, (long)(i % 5) + 1);
                return trial.Number;
            }).ToList();
            Backend.PassTime(_clock, TimeSpan.FromHours(1));

            var queued = Simultaneous.Run(Workers, w => new[] { new TrialRecovery(stores[w]).Recover(study, StaleAfter) });

            var retries = stores[0].Trials(study).Where(t => t.UserAttributes.ContainsKey(StudyAttributes.RetryOf)).ToList();
            Assert.Equal(StaleTrials, queued.Sum());
            Assert.Equal(stale.Select(n => (long)n), retries.Select(t => JsonValues.ReadLong(t.UserAttributes, StudyAttributes.RetryOf)!.Value).Order());
            Assert.All(retries, t => Assert.Equal(TrialState.Waiting, t.State));
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    private void DeleteHeartbeats() => Backend.Execute("DELETE FROM trial_heartbeats");
}
