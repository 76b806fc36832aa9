using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>Queued trials, as Optuna's enqueue_trial makes them, and claiming them.</summary>
public abstract class WaitingTrialTests(IStoreBackend backend) : StoreContract(backend)
{

    [Fact]
    public void An_enqueued_trial_waits_with_its_fixed_params_as_optuna_writes_them()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var fixedParameters = new Dictionary<string, object> { ["lr"] = 0.01, ["optimizer"] = "adam", ["layers"] = 3L, ["dropout"] = 0.0 };

        var queued = store.EnqueueTrial(study, fixedParameters, new Dictionary<string, string> { ["source"] = "\"try\"" });
        var read = Assert.Single(store.Trials(study));

        const string Expected = "{\"lr\": 0.01, \"optimizer\": \"adam\", \"layers\": 3, \"dropout\": 0.0}";
        Assert.Equal((0, TrialState.Waiting), (queued.Number, queued.State));
        Assert.Equal(Expected, queued.SystemAttributes["fixed_params"]);
        Assert.Equal((TrialState.Waiting, Expected, "\"try\""), (read.State, read.SystemAttributes["fixed_params"], read.UserAttributes["source"]));
        Assert.Null(read.Started);
        Assert.Empty(read.Parameters);
        Assert.Equal(fixedParameters, (Dictionary<string, object>)OptunaJson.Parse(Expected)!);
    }

    [Fact]
    public void Claiming_turns_the_oldest_waiting_trial_into_a_running_one()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero));
        using var store = Backend.Open(clock);
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var first = store.EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = 1L });
        store.EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = 2L });
        clock.Advance(TimeSpan.FromMinutes(1));

        var claimed = store.StartNextTrial(study, budget: null, create: false).Trial;

        Assert.NotNull(claimed);
        Assert.Equal((first.Id, 0, TrialState.Running), (claimed.Id, claimed.Number, claimed.State));
        Assert.Equal("{\"layers\": 1}", claimed.SystemAttributes["fixed_params"]);
        Assert.Equal(new DateTime(2026, 5, 6, 9, 9, 9), claimed.Started);
        Assert.Equal([TrialState.Running, TrialState.Waiting], store.Trials(study).Select(t => t.State));
    }

    [Fact]
    public void Trials_queued_once_by_several_stores_at_the_same_moment_are_queued_once()
    {
        long study;
        using (var setup = Backend.Open())
        {
            study = setup.CreateStudy("s", [StudyDirection.Minimize]);
        }

        IReadOnlyList<(IReadOnlyDictionary<string, object>, IReadOnlyDictionary<string, string>?)> grid =
            [.. Enumerable.Range(0, 10).Select(i => ((IReadOnlyDictionary<string, object>)new Dictionary<string, object> { ["layers"] = (long)i }, (IReadOnlyDictionary<string, string>?)null))];

        var queued = Simultaneous.Run(4, _ =>
        {
            using var store = Backend.Open();
            return new[] { store.EnqueueTrialsOnce(study, "grid", grid) };
        });

        using var reader = Backend.Open();
        Assert.Single(queued, q => q);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{{\"layers\": {i}}}"), reader.Trials(study).Select(t => t.SystemAttributes["fixed_params"]));
        Assert.Equal("true", reader.StudySystemAttributes(study)["grid"]);
        Assert.False(reader.EnqueueTrialsOnce(study, "grid", grid));
    }

    [Fact]
    public void Starting_the_next_trial_claims_a_waiting_one_before_creating_one()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var queued = store.EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = 1L });

        var first = store.StartNextTrial(study, budget: null, create: true);
        var second = store.StartNextTrial(study, budget: null, create: true);

        Assert.Equal((queued.Id, true, TrialState.Running), (first.Trial?.Id, first.WasWaiting, first.Trial?.State));
        Assert.Equal("{\"layers\": 1}", first.Trial!.SystemAttributes["fixed_params"]);
        Assert.Equal((1, false, TrialState.Running), (second.Trial?.Number, second.WasWaiting, second.Trial?.State));
        Assert.Equal([TrialState.Running, TrialState.Running], store.Trials(study).Select(t => t.State));
    }

    [Fact]
    public void Starting_the_next_trial_without_create_only_ever_claims()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);

        Assert.Equal(new NextTrial(null, WasWaiting: false, BudgetReached: false), store.StartNextTrial(study, budget: 10, create: false));
        Assert.Empty(store.Trials(study));
    }

    [Fact]
    public void The_budget_counts_every_started_trial_but_failed_ones_queued_again_or_never_given_a_point()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var complete = store.CreateRunningTrial(study);
        store.SetParameter(complete.Id, StoreSpaces.Layers, 2L);
        store.FinishTrial(complete.Id, TrialState.Complete, [1.0]);
        var failed = store.CreateRunningTrial(study);
        store.SetParameter(failed.Id, StoreSpaces.Layers, 3L);
        store.FinishTrial(failed.Id, TrialState.Failed, failReason: "worker stopped");
        var pointless = store.CreateRunningTrial(study);
        store.FinishTrial(pointless.Id, TrialState.Failed, failReason: "worker stopped");

        // #0 and #1 count (#1 is not queued again yet); #2 never got a point.
        var full = store.StartNextTrial(study, budget: 2, create: true);
        store.EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = 3L }, new Dictionary<string, string> { [StudyAttributes.RetryOf] = "1" });
        var retry = store.StartNextTrial(study, budget: 3, create: true);
        var fresh = store.StartNextTrial(study, budget: 3, create: true);
        store.SetParameter(fresh.Trial!.Id, StoreSpaces.Layers, 4L);
        var refused = store.StartNextTrial(study, budget: 3, create: true);

        Assert.Equal(new NextTrial(null, WasWaiting: false, BudgetReached: true), full);
        Assert.Equal((3, true), (retry.Trial?.Number, retry.WasWaiting));
        Assert.Equal((4, false), (fresh.Trial?.Number, fresh.WasWaiting));
        Assert.Equal(new NextTrial(null, WasWaiting: false, BudgetReached: true), refused);
        Assert.Equal(5, store.Trials(study).Count);
    }

    [Fact]
    public void Claiming_with_nothing_waiting_gives_null()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        store.CreateRunningTrial(study);

        Assert.Null(store.StartNextTrial(study, budget: null, create: false).Trial);
    }

    [Fact]
    public void Claiming_a_waiting_trial_twice_gives_it_once()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        store.EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = 1L });

        Assert.NotNull(store.StartNextTrial(study, budget: null, create: false).Trial);
        Assert.Null(store.StartNextTrial(study, budget: null, create: false).Trial);
    }

    [Fact]
    public void Running_and_waiting_trials_share_one_numbering()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);

        var numbers = new[]
        {
            store.CreateRunningTrial(study).Number,
            store.EnqueueTrial(study, new Dictionary<string, object>()).Number,
            store.CreateRunningTrial(study).Number,
        };

        Assert.Equal([0, 1, 2], numbers);
    }

    [Fact]
    public void Fixed_params_without_a_json_form_are_refused()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);

        Assert.Throws<ArgumentException>(() => store.EnqueueTrial(study, new Dictionary<string, object> { ["lr"] = double.NaN }));
        Assert.Throws<ArgumentException>(() => store.EnqueueTrial(study, new Dictionary<string, object> { ["when"] = DateTime.UnixEpoch }));
        Assert.Empty(store.Trials(study));
    }
}
