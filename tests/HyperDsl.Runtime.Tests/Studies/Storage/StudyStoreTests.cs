using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using static HyperDsl.Runtime.Tests.Studies.Storage.StoreSpaces;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>What every store does: studies, trials, parameters, values and attributes as Optuna keeps them.</summary>
public abstract class StudyStoreTests(IStoreBackend backend) : StoreContract(backend)
{

    private enum Color
    {
        Red,
        Green,
    }

    [Fact]
    public void Created_study_is_found_by_name_with_its_directions()
    {
        using var store = Backend.Open();
        var single = store.CreateStudy("single", [StudyDirection.Maximize]);
        var pair = store.CreateStudy("pair", [StudyDirection.Minimize, StudyDirection.Maximize]);

        Assert.Equal(single, store.FindStudy("single"));
        Assert.Equal(pair, store.FindStudy("pair"));
        Assert.Null(store.FindStudy("missing"));
        Assert.Equal([StudyDirection.Maximize], store.Directions(single));
        Assert.Equal([StudyDirection.Minimize, StudyDirection.Maximize], store.Directions(pair));
    }

    [Fact]
    public void Creating_a_study_with_a_taken_name_throws()
    {
        using var store = Backend.Open();
        store.CreateStudy("s", [StudyDirection.Minimize]);

        var error = Assert.Throws<StudyStoreException>(() => store.CreateStudy("s", [StudyDirection.Maximize]));
        Assert.Contains("'s' already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Studies_lists_every_study_with_its_directions_and_trial_count()
    {
        using var store = Backend.Open();
        var a = store.CreateStudy("a", [StudyDirection.Minimize]);
        var b = store.CreateStudy("b", [StudyDirection.Maximize, StudyDirection.Minimize]);
        store.CreateRunningTrial(b);
        store.CreateRunningTrial(b);

        var studies = store.Studies();

        Assert.Equal(2, studies.Count);
        Assert.Equal((a, "a", 0), (studies[0].Id, studies[0].Name, studies[0].TrialCount));
        Assert.Equal([StudyDirection.Minimize], studies[0].Directions);
        Assert.Equal((b, "b", 2), (studies[1].Id, studies[1].Name, studies[1].TrialCount));
        Assert.Equal([StudyDirection.Maximize, StudyDirection.Minimize], studies[1].Directions);
    }

    [Fact]
    public void Study_attributes_round_trip_as_json()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        store.SetStudyUserAttribute(study, "note", "\"first\"");
        store.SetStudyUserAttribute(study, "note", "\"second\"");
        store.SetStudyUserAttribute(study, "sizes", "[1, 2.5]");
        store.SetStudySystemAttribute(study, "hyperdsl:seed", "42");

        Assert.Equal(new Dictionary<string, string> { ["note"] = "\"second\"", ["sizes"] = "[1, 2.5]" }, store.StudyUserAttributes(study));
        Assert.Equal(new Dictionary<string, string> { ["hyperdsl:seed"] = "42" }, store.StudySystemAttributes(study));
        Assert.Throws<ArgumentException>(() => store.SetStudyUserAttribute(study, "bad", "not json"));
    }

    [Fact]
    public void Trial_numbers_count_from_zero_in_each_study()
    {
        using var store = Backend.Open();
        var a = store.CreateStudy("a", [StudyDirection.Minimize]);
        var b = store.CreateStudy("b", [StudyDirection.Minimize]);

        var numbers = new[] { store.CreateRunningTrial(a), store.CreateRunningTrial(b), store.CreateRunningTrial(a), store.CreateRunningTrial(b) }
            .Select(t => t.Number);

        Assert.Equal([0, 0, 1, 1], numbers);
    }

    [Fact]
    public void Parameters_of_every_kind_read_back_with_their_values_and_distributions()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        store.SetParameter(trial.Id, LearningRate, 0.00123);
        store.SetParameter(trial.Id, Dropout, 0.0);
        store.SetParameter(trial.Id, Momentum, 0.75);
        store.SetParameter(trial.Id, Layers, 3L);
        store.SetParameter(trial.Id, Width, 64);
        store.SetParameter(trial.Id, Epochs, 6L);
        store.SetParameter(trial.Id, Optimizer, "adam");
        store.SetParameter(trial.Id, BatchSize, 32L);
        store.SetParameter(trial.Id, Mixed, 2.5);

        var read = Assert.Single(store.Trials(study));

        Assert.Equal(
            new Dictionary<string, object>
            {
                ["lr"] = 0.00123, ["dropout"] = 0.0, ["momentum"] = 0.75, ["layers"] = 3L, ["width"] = 64L, ["epochs"] = 6L,
                ["optimizer"] = "adam", ["batch_size"] = 32L, ["mixed"] = 2.5,
            },
            read.Parameters);
        Assert.Equal(["lr", "dropout", "momentum", "layers", "width", "epochs", "optimizer", "batch_size", "mixed"], read.Parameters.Keys);
        Assert.Equal(LearningRate, read.Distributions["lr"]);
        Assert.Equal(Dropout, read.Distributions["dropout"]);
        Assert.Equal(Momentum, read.Distributions["momentum"]);
        Assert.Equal(Layers, read.Distributions["layers"]);
        Assert.Equal(Width, read.Distributions["width"]);
        Assert.Equal(Epochs, read.Distributions["epochs"]);
        Assert.Equal(Optimizer.Choices, Assert.IsType<CategoricalSpace>(read.Distributions["optimizer"]).Choices);
        Assert.Equal(BatchSize.Choices, Assert.IsType<CategoricalSpace>(read.Distributions["batch_size"]).Choices);
        Assert.Equal(Mixed.Choices, Assert.IsType<CategoricalSpace>(read.Distributions["mixed"]).Choices);
        Assert.All(read.Distributions.Values, d => Assert.Null(d.Condition));
    }

    [Fact]
    public void Choices_are_matched_by_value_across_types_and_read_back_as_json_gives_them()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        var ints = new CategoricalSpace("ints", [16, 32], null);
        var floats = new CategoricalSpace("floats", [0.5, 1.0], null);
        var colors = new CategoricalSpace("color", ["Red", "Green"], null);
        var flags = new CategoricalSpace("flag", [true, false], null);
        store.SetParameter(trial.Id, ints, 32L);
        store.SetParameter(trial.Id, floats, 1.0);
        store.SetParameter(trial.Id, colors, Color.Green);
        store.SetParameter(trial.Id, flags, false);

        var read = Assert.Single(store.Trials(study));

        Assert.Equal(32L, read.Parameters["ints"]);
        Assert.Equal([16L, 32L], Assert.IsType<CategoricalSpace>(read.Distributions["ints"]).Choices);
        Assert.Equal(1.0, Assert.IsType<double>(read.Parameters["floats"]));
        Assert.Equal("Green", read.Parameters["color"]);
        Assert.Equal(false, read.Parameters["flag"]);
    }

    [Fact]
    public void Values_that_do_not_fit_a_parameter_are_refused()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);

        Assert.Throws<ArgumentException>(() => store.SetParameter(trial.Id, Optimizer, "rmsprop"));
        Assert.Throws<ArgumentException>(() => store.SetParameter(trial.Id, Layers, 2.5));
        Assert.Throws<ArgumentException>(() => store.SetParameter(trial.Id, Dropout, "high"));
        Assert.Throws<ArgumentException>(() => store.SetParameter(trial.Id, LearningRate, double.NaN));
        Assert.Throws<ArgumentException>(() => store.SetParameter(trial.Id, new FloatSpace("bad", 1e-3, 1, true, 0.1, null), 0.1));
        Assert.Empty(Assert.Single(store.Trials(study)).Parameters);
    }

    [Fact]
    public void A_parameter_name_keeps_the_kind_it_was_first_recorded_with()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        store.SetParameter(store.CreateRunningTrial(study).Id, Optimizer, "sgd");
        store.SetParameter(store.CreateRunningTrial(study).Id, Layers, 2L);
        var next = store.CreateRunningTrial(study);

        Assert.Throws<ArgumentException>(() => store.SetParameter(next.Id, new CategoricalSpace("optimizer", ["sgd", "adam"], null), "sgd"));
        Assert.Throws<ArgumentException>(() => store.SetParameter(next.Id, Layers with { Log = true }, 2L));
        store.SetParameter(next.Id, Layers with { High = 8 }, 7L);
        Assert.Equal(7L, store.Trials(study)[2].Parameters["layers"]);
    }

    [Fact]
    public void Intermediate_values_round_trip_including_nan_and_infinities()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        store.ReportIntermediate(trial.Id, 0, 0.5);
        store.ReportIntermediate(trial.Id, 1, double.NaN);
        store.ReportIntermediate(trial.Id, 2, double.PositiveInfinity);
        store.ReportIntermediate(trial.Id, 3, double.NegativeInfinity);
        store.ReportIntermediate(trial.Id, 4, 1.0);
        store.ReportIntermediate(trial.Id, 4, 0.25);

        var read = Assert.Single(store.Trials(study)).Intermediate;

        Assert.Equal([0, 1, 2, 3, 4], read.Keys);
        Assert.Equal(0.5, read[0]);
        Assert.True(double.IsNaN(read[1]));
        Assert.Equal(double.PositiveInfinity, read[2]);
        Assert.Equal(double.NegativeInfinity, read[3]);
        Assert.Equal(0.25, read[4]);
        Assert.Equal(4, Assert.Single(store.Trials(study)).ToRecord().LastStep);
    }

    [Fact]
    public void Complete_trial_keeps_one_value_per_objective_including_infinities()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize, StudyDirection.Maximize]);
        var trial = store.CreateRunningTrial(study);

        Assert.True(store.FinishTrial(trial.Id, TrialState.Complete, [double.NegativeInfinity, 0.875]));

        var read = Assert.Single(store.Trials(study));
        Assert.Equal(TrialState.Complete, read.State);
        Assert.Equal([double.NegativeInfinity, 0.875], read.Values);
        Assert.Equal(0.875, read.ToRecord(1).Value);
    }

    [Fact]
    public void Final_values_that_optuna_would_not_take_are_refused()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);

        Assert.Throws<ArgumentException>(() => store.FinishTrial(trial.Id, TrialState.Complete, [double.NaN]));
        Assert.Throws<ArgumentException>(() => store.FinishTrial(trial.Id, TrialState.Complete, [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => store.FinishTrial(trial.Id, TrialState.Complete));
        Assert.Throws<ArgumentException>(() => store.FinishTrial(trial.Id, TrialState.Pruned, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.FinishTrial(trial.Id, TrialState.Waiting));
        Assert.Equal(TrialState.Running, Assert.Single(store.Trials(study)).State);
    }

    [Fact]
    public void Pruned_trial_takes_its_last_intermediate_value_as_optuna_does()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Maximize]);
        var withSteps = store.CreateRunningTrial(study);
        store.ReportIntermediate(withSteps.Id, 3, 0.7);
        store.ReportIntermediate(withSteps.Id, 1, 0.2);
        var withoutSteps = store.CreateRunningTrial(study);
        var lastNan = store.CreateRunningTrial(study);
        store.ReportIntermediate(lastNan.Id, 0, 0.1);
        store.ReportIntermediate(lastNan.Id, 1, double.NaN);

        Assert.True(store.FinishTrial(withSteps.Id, TrialState.Pruned));
        Assert.True(store.FinishTrial(withoutSteps.Id, TrialState.Pruned));
        Assert.True(store.FinishTrial(lastNan.Id, TrialState.Pruned));

        var trials = store.Trials(study);
        Assert.All(trials, t => Assert.Equal(TrialState.Pruned, t.State));
        Assert.Equal([0.7], trials[0].Values);
        Assert.Null(trials[1].Values);
        Assert.Null(trials[2].Values);
    }

    [Fact]
    public void Failed_trial_keeps_its_fail_reason_as_a_system_attribute()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);

        Assert.True(store.FinishTrial(trial.Id, TrialState.Failed, failReason: "loss became \"NaN\" at epoch 3"));

        var read = Assert.Single(store.Trials(study));
        Assert.Equal(TrialState.Failed, read.State);
        Assert.Null(read.Values);
        Assert.Equal("\"loss became \\\"NaN\\\" at epoch 3\"", read.SystemAttributes["fail_reason"]);
        Assert.Equal("loss became \"NaN\" at epoch 3", OptunaJson.Parse(read.SystemAttributes["fail_reason"]));
    }

    [Fact]
    public void Finishing_a_trial_that_is_not_running_changes_nothing_and_returns_false()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        var waiting = store.EnqueueTrial(study, new Dictionary<string, object>());
        store.FinishTrial(trial.Id, TrialState.Complete, [1.0]);

        Assert.False(store.FinishTrial(trial.Id, TrialState.Failed, failReason: "late"));
        Assert.False(store.FinishTrial(waiting.Id, TrialState.Complete, [2.0]));

        var trials = store.Trials(study);
        Assert.Equal((TrialState.Complete, 1.0), (trials[0].State, trials[0].Values![0]));
        Assert.False(trials[0].SystemAttributes.ContainsKey("fail_reason"));
        Assert.Equal(TrialState.Waiting, trials[1].State);
    }

    [Fact]
    public void A_finished_trial_cannot_change()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        store.FinishTrial(trial.Id, TrialState.Complete, [1.0]);

        Assert.Throws<StudyStoreException>(() => store.SetParameter(trial.Id, Layers, 1L));
        Assert.Throws<StudyStoreException>(() => store.ReportIntermediate(trial.Id, 0, 1.0));
        Assert.Throws<StudyStoreException>(() => store.SetTrialUserAttribute(trial.Id, "k", "1"));
        Assert.Throws<StudyStoreException>(() => store.SetTrialSystemAttribute(trial.Id, "k", "1"));
    }

    [Fact]
    public void Trial_attributes_round_trip_as_json()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(study);
        store.SetTrialUserAttribute(trial.Id, "accuracy", "0.91");
        store.SetTrialUserAttribute(trial.Id, "accuracy", "0.93");
        store.SetTrialSystemAttribute(trial.Id, "hyperdsl:seed", "{\"trial\": 7}");

        var read = Assert.Single(store.Trials(study));

        Assert.Equal(new Dictionary<string, string> { ["accuracy"] = "0.93" }, read.UserAttributes);
        Assert.Equal(new Dictionary<string, string> { ["hyperdsl:seed"] = "{\"trial\": 7}" }, read.SystemAttributes);
    }

    [Fact]
    public void Start_and_end_times_are_local_times_to_the_microsecond()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 4, 10, 20, 30, TimeSpan.Zero).AddTicks(1_234_567));
        using var store = Backend.Open(clock);
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var created = store.CreateRunningTrial(study);
        clock.Advance(TimeSpan.FromSeconds(90));
        store.FinishTrial(created.Id, TrialState.Complete, [0.0]);

        var read = Assert.Single(store.Trials(study));

        var started = new DateTime(2026, 3, 4, 12, 20, 30).AddTicks(1_234_560);
        Assert.Equal(started, created.Started);
        Assert.Equal(started, read.Started);
        Assert.Equal(started.AddSeconds(90), read.Completed);
    }

    [Fact]
    public void Trials_come_back_by_number_with_what_other_instances_wrote_since()
    {
        using var mine = Backend.Open();
        using var theirs = Backend.Open();
        var study = mine.CreateStudy("s", [StudyDirection.Minimize]);
        var first = mine.CreateRunningTrial(study);
        var second = theirs.CreateRunningTrial(study);
        Assert.Equal([TrialState.Running, TrialState.Running], mine.Trials(study).Select(t => t.State));

        theirs.SetParameter(first.Id, Layers, 4L);
        theirs.FinishTrial(first.Id, TrialState.Complete, [0.5]);
        theirs.ReportIntermediate(second.Id, 0, 0.9);
        var third = theirs.CreateRunningTrial(study);
        var trials = mine.Trials(study);

        Assert.Equal([0, 1, 2], trials.Select(t => t.Number));
        Assert.Equal([first.Id, second.Id, third.Id], trials.Select(t => t.Id));
        Assert.Equal((TrialState.Complete, 4L), (trials[0].State, trials[0].Parameters["layers"]));
        Assert.Equal(0.9, trials[1].Intermediate[0]);
    }

    [Fact]
    public void Finished_trials_are_read_once_and_then_served_from_the_cache()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);
        var done = store.CreateRunningTrial(study);
        store.FinishTrial(done.Id, TrialState.Complete, [1.0]);
        store.CreateRunningTrial(study);

        var before = store.Trials(study);
        var after = store.Trials(study);

        Assert.Same(before[0], after[0]);
        Assert.NotSame(before[1], after[1]);
    }

    [Fact]
    public void Ids_that_do_not_exist_give_a_store_exception()
    {
        using var store = Backend.Open();

        Assert.Throws<StudyStoreException>(() => store.Trials(404));
        Assert.Throws<StudyStoreException>(() => store.Directions(404));
        Assert.Throws<StudyStoreException>(() => store.CreateRunningTrial(404));
        Assert.Throws<StudyStoreException>(() => store.StudyUserAttributes(404));
        Assert.Throws<StudyStoreException>(() => store.FinishTrial(404, TrialState.Failed));
        Assert.Throws<StudyStoreException>(() => store.SetParameter(404, Layers, 1L));
        Assert.Throws<StudyStoreException>(() => store.RecordHeartbeat(404));
    }

    [Fact]
    public void A_reopened_store_reads_back_what_was_written()
    {
        long study;
        using (var store = Backend.Open())
        {
            study = store.CreateStudy("s", [StudyDirection.Maximize]);
            var trial = store.CreateRunningTrial(study);
            store.SetParameter(trial.Id, Optimizer, "adamw");
            store.ReportIntermediate(trial.Id, 0, 0.3);
            store.FinishTrial(trial.Id, TrialState.Complete, [0.4]);
        }

        using var reopened = Backend.Open();
        var read = Assert.Single(reopened.Trials(study));

        Assert.Equal(study, reopened.FindStudy("s"));
        Assert.Equal("adamw", read.Parameters["optimizer"]);
        Assert.Equal(0.3, read.Intermediate[0]);
        Assert.Equal([0.4], read.Values);
    }

    [Fact]
    public void A_disposed_store_refuses_work()
    {
        var store = Backend.Open();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Studies());
    }
}
