using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Population;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;
using TorchSharp;

namespace HyperDsl.Runtime.Tests.Studies.Population;

/// <summary>A study with <c>sampler pbt(population: 4, interval: 1, fraction: 0.25, resample: 0)</c> over 3 epochs of small Fashion-MNIST, on SQLite.</summary>
public sealed class PbtStudyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-pbt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Members_train_in_intervals_and_the_worst_take_over_the_best_s_state_with_hyperparameters_perturbed_within_their_domains()
    {
        using var full = TestData.LoadFashionMnistSmall();
        using var data = full.WithValidationFraction(0.2, 1);
        var experiment = new FashionPbtExperiment();
        var epochs = new List<(int Trial, int Epoch)>();
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
        var options = new StudyRunOptions
        {
            SpecPath = Path.Combine(_folder, "pbt.hyp"),
            SpecText = "experiment pbt { }",
            Data = data,
            CheckpointDirectory = Path.Combine(_folder, "checkpoints"),
        };

        var result = new StudyRunner(experiment, store, options, new EpochLog(epochs)).Run();
        var trials = result.Trials;

        // Four members, each trained once per epoch (resumed at each interval, never restarted), all complete.
        Assert.Equal(4, trials.Count);
        Assert.All(trials, t => Assert.True(t.State == TrialState.Complete, $"trial {t.Number} is {t.State}: {StudyAttributes.Text(t.SystemAttributes, "fail_reason")}"));
        Assert.Equal(4 * FashionPbtExperiment.Epochs, epochs.Count);
        Assert.Equal(epochs.Count, epochs.Distinct().Count());
        Assert.All(trials, t => Assert.Equal([1, 2, 3], t.Intermediate.Keys.Order()));

        // At each of the two interval ends one member (the worst quarter) took over another's state and perturbed its values.
        var schedules = trials.ToDictionary(t => t.Number, t => MemberStretch.Read(t.UserAttributes));
        var copies = schedules.SelectMany(s => s.Value.Where(x => x.CopiedFrom is not null).Select(x => (Member: s.Key, Stretch: x))).ToList();
        Assert.Equal(2, copies.Count);
        foreach (var (member, stretch) in copies)
        {
            Assert.Contains(stretch.FromEpoch, new[] { 2, 3 });
            Assert.NotEqual(member, stretch.CopiedFrom);

            // The donor's values when its state was taken, perturbed: lr by 0.8 or 1.2 (within its log range), dropout to a neighbouring choice.
            var donor = schedules[stretch.CopiedFrom!.Value].Last(s => s.FromEpoch < stretch.FromEpoch).Parameters;
            var lr = (double)stretch.Parameters["lr"];
            Assert.InRange(lr, FashionPbtExperiment.LowLr, FashionPbtExperiment.HighLr);
            var ratio = lr / (double)donor["lr"];
            Assert.True(Math.Abs(ratio - 0.8) < 1e-9 || Math.Abs(ratio - 1.2) < 1e-9 || lr is FashionPbtExperiment.LowLr or FashionPbtExperiment.HighLr, $"lr {donor["lr"]} became {lr}");
            var dropouts = FashionPbtExperiment.Dropouts.Cast<object>().ToList();
            Assert.Equal(1, Math.Abs(dropouts.IndexOf(stretch.Parameters["dropout"]) - dropouts.IndexOf(donor["dropout"])));

            // The member's stored parameters are its last stretch's.
            var trial = trials.First(t => t.Number == member);
            Assert.Equal(schedules[member][^1].Parameters["lr"], trial.Parameters["lr"]);
        }

        // Every member's first stretch starts at epoch 1 with its own random values.
        Assert.All(schedules.Values, s => Assert.Equal((1, (int?)null), (s[0].FromEpoch, s[0].CopiedFrom)));

        // The study keeps the best member's lineage, the schedule that trained its weights, for a replay: from epoch 1, ending with the member's last values.
        var best = BestTrials.Of(trials, result.Directions)[0];
        var recorded = Assert.IsType<Dictionary<string, object?>>(OptunaJson.Parse(store.StudyUserAttributes(result.Version.StudyId)[PopulationLineage.BestKey]));
        Assert.Equal((long)best.Number, recorded["trial"]);
        var lineage = Assert.IsType<List<object?>>(recorded["schedule"]).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal(1L, lineage[0]["from_epoch"]);
        Assert.Equal(schedules[best.Number][^1].Parameters["lr"], Assert.IsType<Dictionary<string, object?>>(lineage[^1]["params"])["lr"]);
    }

    [Fact]
    public void An_interrupted_population_is_resumed_by_the_next_run_from_its_members_checkpoints_and_no_epoch_is_trained_twice()
    {
        // Interval 2 of 3 epochs: interrupted at member 1's first epoch, member 0 is paused at the interval's end, member 1 in the
        // middle of it, members 2 and 3 before their first epoch.
        using var full = TestData.LoadFashionMnistSmall();
        using var data = full.WithValidationFraction(0.2, 1);
        var experiment = new FashionPbtExperiment { Plan = new FashionPbtExperiment().Plan with { Sampler = new SamplerChoice.Pbt(Population: 4, Interval: 2, Fraction: 0.25, Resample: 0) } };
        var epochs = new List<(int Trial, int Epoch)>();
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
        using var interrupt = new CancellationTokenSource();

        var first = new StudyRunner(experiment, store, Options(data), new EpochLog(epochs, () => epochs.Count == 3 ? interrupt : null)).Run(interrupt.Token);

        Assert.Equal(StudyStopReason.Interrupted, first.Reason);
        Assert.Equal([(0, 1), (0, 2), (1, 1)], epochs);
        Assert.All(first.Trials, t => Assert.True(t.State == TrialState.Running && TrialRecovery.IsPaused(t), $"trial {t.Number} is {t.State}"));

        var second = new StudyRunner(experiment, store, Options(data), new EpochLog(epochs)).Run();
        var trials = second.Trials;

        // The same four members went on (no new trial), each from where it was: every epoch of every member trained once.
        Assert.Equal(StudyStopReason.BudgetReached, second.Reason);
        Assert.Equal(4, trials.Count);
        Assert.All(trials, t => Assert.True(t.State == TrialState.Complete, $"trial {t.Number} is {t.State}: {StudyAttributes.Text(t.SystemAttributes, "fail_reason")}"));
        Assert.Equal(4 * FashionPbtExperiment.Epochs, epochs.Count);
        Assert.Equal(epochs.Count, epochs.Distinct().Count());
        Assert.All(trials, t => Assert.Equal([1, 2, 3], t.Intermediate.Keys.Order()));

        // The interval's end was exploited once, after the resume: one member took over another's state for epoch 3.
        var copies = trials.SelectMany(t => MemberStretch.Read(t.UserAttributes).Where(x => x.CopiedFrom is not null)).ToList();
        Assert.Equal(3, Assert.Single(copies).FromEpoch);
    }

    [Fact]
    public void Members_whose_process_was_killed_while_they_trained_are_resumed_from_their_checkpoints_not_failed()
    {
        using var full = TestData.LoadFashionMnistSmall();
        using var data = full.WithValidationFraction(0.2, 1);
        var experiment = new FashionPbtExperiment { Plan = new FashionPbtExperiment().Plan with { Sampler = new SamplerChoice.Pbt(Population: 4, Interval: 2, Fraction: 0.25, Resample: 0) } };
        var epochs = new List<(int Trial, int Epoch)>();
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
        using var interrupt = new CancellationTokenSource();
        var first = new StudyRunner(experiment, store, Options(data), new EpochLog(epochs, () => epochs.Count == 3 ? interrupt : null)).Run(interrupt.Token);

        // As a kill -9 leaves them: member 1 training on from its checkpoint after epoch 1, member 2 before its first epoch, both
        // running (not paused) for a process on this machine that no longer exists.
        var deadWorker = $"{Environment.MachineName}:{Environment.ProcessId}:1";
        foreach (var killed in first.Trials.Where(t => t.Number is 1 or 2))
        {
            Assert.True(store.ClaimPausedTrial(killed.Id));
            store.SetTrialSystemAttribute(killed.Id, StudyAttributes.Worker, JsonValues.Of(deadWorker));
        }

        var trials = new StudyRunner(experiment, store, Options(data), new EpochLog(epochs)).Run().Trials;

        Assert.Equal(4, trials.Count);
        Assert.All(trials, t => Assert.True(t.State == TrialState.Complete, $"trial {t.Number} is {t.State}: {StudyAttributes.Text(t.SystemAttributes, "fail_reason")}"));
        Assert.Equal(12, epochs.Count);
        Assert.Equal(epochs.Count, epochs.Distinct().Count());
    }

    [Fact]
    public void A_member_whose_checkpoint_is_gone_fails_with_the_reason_and_the_rest_of_the_population_goes_on()
    {
        using var full = TestData.LoadFashionMnistSmall();
        using var data = full.WithValidationFraction(0.2, 1);
        var experiment = new FashionPbtExperiment();
        var epochs = new List<(int Trial, int Epoch)>();
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
        using var interrupt = new CancellationTokenSource();

        // Interrupted at member 1's second epoch: every member has a checkpoint.
        new StudyRunner(experiment, store, Options(data), new EpochLog(epochs, () => epochs.Count == 6 ? interrupt : null)).Run(interrupt.Token);
        File.Delete(Assert.Single(Directory.GetFiles(Path.Combine(_folder, "checkpoints"), "trial-2.ckpt", SearchOption.AllDirectories)));

        var trials = new StudyRunner(experiment, store, Options(data), new EpochLog(epochs)).Run().Trials;

        var lost = Assert.Single(trials, t => t.State == TrialState.Failed);
        Assert.Equal(2, lost.Number);
        Assert.Contains("its checkpoint after epoch 1 cannot be resumed", StudyAttributes.Text(lost.SystemAttributes, "fail_reason"), StringComparison.Ordinal);
        Assert.All(trials.Where(t => t.Number != 2), t => Assert.Equal((TrialState.Complete, 3), (t.State, t.Intermediate.Count)));
        Assert.Equal(epochs.Count, epochs.Distinct().Count());
    }

    [Fact]
    public void Past_the_timeout_the_population_stops_at_an_interval_s_end_paused_and_the_next_run_goes_on_from_there()
    {
        using var full = TestData.LoadFashionMnistSmall();
        using var data = full.WithValidationFraction(0.2, 1);
        var experiment = new FashionPbtExperiment();
        var epochs = new List<(int Trial, int Epoch)>();
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));

        var first = new StudyRunner(experiment, store, Options(data) with { Timeout = TimeSpan.FromTicks(1) }, new EpochLog(epochs)).Run();

        // Every member trained the first interval and waits at its end; nobody took over anybody's state yet.
        Assert.Equal(StudyStopReason.TimedOut, first.Reason);
        Assert.Equal([(0, 1), (1, 1), (2, 1), (3, 1)], epochs);
        Assert.All(first.Trials, t => Assert.Equal((TrialState.Running, 1L), (t.State, JsonValues.ReadLong(t.SystemAttributes, StudyAttributes.PausedAtRung))));
        Assert.All(first.Trials, t => Assert.Single(MemberStretch.Read(t.UserAttributes)));

        var second = new StudyRunner(experiment, store, Options(data), new EpochLog(epochs)).Run();

        Assert.Equal(StudyStopReason.BudgetReached, second.Reason);
        Assert.All(second.Trials, t => Assert.Equal((TrialState.Complete, 3), (t.State, t.Intermediate.Count)));
        Assert.Equal(12, epochs.Distinct().Count());
        Assert.Equal(12, epochs.Count);
        Assert.Equal(2, second.Trials.Sum(t => MemberStretch.Read(t.UserAttributes).Count(x => x.CopiedFrom is not null)));
    }

    [Fact]
    public void With_a_weights_folder_the_best_member_keeps_its_weights_and_the_others_none()
    {
        using var full = TestData.LoadFashionMnistSmall();
        using var data = full.WithValidationFraction(0.2, 1);
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
        var folder = Path.Combine(_folder, "weights");

        var result = new StudyRunner(new FashionPbtExperiment(), store, Options(data) with { WeightsDirectory = folder }, new EpochLog([])).Run();

        // Its best epoch's weights went through the pauses (and any take-over) in the checkpoints; only the best member keeps them.
        var best = BestTrials.Of(result.Trials, result.Directions)[0];
        var kept = Assert.Single(Directory.GetFiles(folder, "*.pt", SearchOption.AllDirectories));
        Assert.Equal($"trial-{best.Number}.pt", Path.GetFileName(kept));
        Assert.Equal(Path.GetFullPath(kept), JsonValues.ReadString(best.UserAttributes, StudyAttributes.Weights));
        Assert.True(new FileInfo(kept).Length > 0);
    }

    private StudyRunOptions Options(DataSplits data) => new()
    {
        SpecPath = Path.Combine(_folder, "pbt.hyp"),
        SpecText = "experiment pbt { }",
        Data = data,
        CheckpointDirectory = Path.Combine(_folder, "checkpoints"),
    };

    private sealed record FashionPoint(double Lr, double Dropout);

    private sealed class FashionPbtExperiment : IExperimentDefinition
    {
        public const int Epochs = 3;
        public const double LowLr = 1e-4;
        public const double HighLr = 0.05;

        public static IReadOnlyList<double> Dropouts { get; } = [0.0, 0.25, 0.5];

        public string Name => "pbt";

        public string StudyHash => "pbt-1";

        public StudyPlan Plan { get; init; } = new()
        {
            Objectives = [new Objective("val_accuracy", StudyDirection.Maximize, MetricSource.ValAccuracy)],
            Sampler = new SamplerChoice.Pbt(Population: 4, Interval: 1, Fraction: 0.25, Resample: 0),
            Epochs = Epochs,
            Seed = 11,
        };

        public IReadOnlyList<ParameterSpace> SearchSpace =>
        [
            new FloatSpace("lr", LowLr, HighLr, true, null, null),
            new CategoricalSpace("dropout", [.. Dropouts.Cast<object>()], null),
        ];

        public IReadOnlyList<long> InputShape => [1, 28, 28];

        public bool HasModelConstraints => false;

        public object Sample(ITrialSuggestions trial) =>
            new FashionPoint(trial.SuggestFloat("lr", LowLr, HighLr, log: true), trial.SuggestCategorical("dropout", Dropouts));

        public bool Satisfies(object point) => true;

        public bool SatisfiesModel(object point, long modelParams, long modelFlops) => true;

        public TrainingOptions Training(object point) => new()
        {
            Epochs = Epochs,
            BatchSize = 128,
            Optimizer = OptimizerSpec.Sgd(((FashionPoint)point).Lr, momentum: 0.9),
            Schedule = Schedule.Cosine(),
        };

        public torch.nn.Module<torch.Tensor, torch.Tensor> BuildModel(object point) =>
            new ModelBuilder(1, 28, 28).Conv(8, kernel: 3, stride: 2).Relu().MaxPool(2).Flatten().Dropout(((FashionPoint)point).Dropout).Linear(10).Build();

        public DataSplits LoadData(long seed, string? baseDirectory) => throw new InvalidOperationException("the test gives the data");
    }

    // Logs the trained epochs; after each, cancels the source that interruptAfter gives (none: no interruption).
    private sealed class EpochLog(List<(int Trial, int Epoch)> trained, Func<CancellationTokenSource?>? interruptAfter = null) : IStudyObserver
    {
        public void StudyStarted(StudyStart start)
        {
        }

        public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin)
        {
        }

        public void EpochFinished(int number, EpochMetrics metrics, int epochs)
        {
            trained.Add((number, metrics.Epoch));
            interruptAfter?.Invoke()?.Cancel();
        }

        public void TrialFinished(StoredTrial trial, TimeSpan duration)
        {
        }

        public void StudyFinished(StudyResult result)
        {
        }
    }
}
