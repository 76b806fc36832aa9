using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Gp;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Tests.Studies;

public sealed class StudyRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-study-").FullName;
    private readonly DataSplits _data = TinyExperiment.Data();

    public void Dispose()
    {
        _data.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_run_stores_every_trial_with_its_parameters_values_intermediate_values_and_spec_hash()
    {
        using var store = Open();
        var result = Run(new TinyExperiment(), store);

        Assert.Equal(StudyStopReason.BudgetReached, result.Reason);
        Assert.Equal(4, result.Ran);
        Assert.Equal([0, 1, 2, 3], result.Trials.Select(t => t.Number));
        Assert.All(result.Trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.InRange(t.Values![0], 0, 1);
            Assert.Equal([1, 2], t.Intermediate.Keys.Order());
            Assert.Equal(t.Values![0], t.Intermediate.Values.Max());
            Assert.Contains("lr", t.Parameters.Keys);
            Assert.Equal(t.Parameters["optimizer"] is "sgd", t.Parameters.ContainsKey("momentum"));
            Assert.Equal("\"hash-1\"", t.SystemAttributes[StudyAttributes.SpecHash]);
        });
        Assert.Equal("tiny", result.Version.StudyName);
        Assert.Single(result.Best);
    }

    [Fact]
    public void Each_epoch_is_announced_with_its_trial_s_own_epochs_when_epochs_are_searched()
    {
        using var store = Open();
        var experiment = new TinyExperiment { Plan = new TinyExperiment().Plan with { Epochs = 3 }, TrainingEpochs = p => p.Width == 4 ? 1 : 3 };
        var log = new EpochLog();

        var result = new StudyRunner(experiment, store, Options(), log).Run();

        Assert.All(result.Trials, t => Assert.Equal(log.Trained.Count(e => e.Trial == t.Number), log.Announced[t.Number]));
        Assert.Contains(1, log.Announced.Values);
    }

    [Fact]
    public void The_same_seed_gives_the_same_points_and_values()
    {
        using var first = Open("a.db");
        using var second = Open("b.db");
        var a = Run(new TinyExperiment(), first).Trials;
        var b = Run(new TinyExperiment(), second).Trials;

        Assert.Equal(a.Select(t => FormatPoint(t.Parameters)), b.Select(t => FormatPoint(t.Parameters)));
        Assert.Equal(a.Select(t => t.Values![0]), b.Select(t => t.Values![0]));
    }

    [Fact]
    public void Running_an_unchanged_spec_again_continues_its_study_up_to_the_budget()
    {
        using var store = Open();
        Run(new TinyExperiment(), store, o => o with { Trials = 2 });
        var result = Run(new TinyExperiment(), store, o => o with { Trials = 5 });

        Assert.Equal(3, result.Ran);
        Assert.Equal([0, 1, 2, 3, 4], result.Trials.Select(t => t.Number));
        Assert.Single(store.StudyVersions("tiny"));

        var again = Run(new TinyExperiment(), store, o => o with { Trials = 5 });
        Assert.Equal(0, again.Ran);
        Assert.Equal(5, again.Trials.Count);
    }

    [Fact]
    public void A_changed_spec_starts_a_new_version_and_warm_start_carries_over_only_trials_inside_the_new_space()
    {
        using var store = Open();
        var first = Run(new TinyExperiment { Plan = Plan(trials: 6) }, store);
        var changed = new TinyExperiment { StudyHash = "hash-2", Widths = [8L, 16L], Plan = Plan(trials: 6) };

        var second = Run(changed, store, o => o with { WarmStart = true, Trials = 6 });

        Assert.Equal("tiny@v2", second.Version.StudyName);
        Assert.Equal(2, second.Version.Version);
        var fitting = first.Trials.Count(t => (long)t.Parameters["width"] == 8L);
        var carried = second.Trials.Where(t => t.UserAttributes.ContainsKey(StudyAttributes.WarmStartFrom)).ToList();
        Assert.Equal(fitting, carried.Count);
        Assert.All(carried, t => Assert.Equal(8L, t.Parameters["width"]));
        Assert.Equal(carried.Select(t => t.Number), second.Trials.Where(t => t.ToRecord().WarmStarted).Select(t => t.Number));
        Assert.All(carried, t => Assert.Equal("\"hash-1\"", t.SystemAttributes[StudyAttributes.SpecHash]));
        Assert.Equal(6, second.Trials.Count);
        Assert.Equal(6, first.Trials.Count);
    }

    [Fact]
    public void Try_points_run_first_in_order_and_the_sampler_fills_what_they_leave_out()
    {
        using var store = Open();
        IReadOnlyList<IReadOnlyDictionary<string, object>> points =
        [
            new Dictionary<string, object> { ["lr"] = 0.01, ["width"] = 8L, ["optimizer"] = "sgd", ["momentum"] = 0.9 },
            new Dictionary<string, object> { ["lr"] = 0.1, ["optimizer"] = "adam" },
        ];
        var result = Run(new TinyExperiment { Plan = Plan(trials: 3) with { TryPoints = points } }, store);

        Assert.Equal("lr=0.01 momentum=0.9 optimizer=sgd width=8", FormatPoint(result.Trials[0].Parameters));
        Assert.Equal(0.1, result.Trials[1].Parameters["lr"]);
        Assert.Equal("adam", result.Trials[1].Parameters["optimizer"]);
        Assert.Contains(result.Trials[1].Parameters["width"], new object[] { 4L, 8L });
        Assert.All(result.Trials, t => Assert.Equal(TrialState.Complete, t.State));

        var again = Run(new TinyExperiment { Plan = Plan(trials: 4) with { TryPoints = points } }, store);
        Assert.Equal(4, again.Trials.Count);
    }

    [Fact]
    public void A_failing_trial_fails_alone_with_its_message_and_the_study_goes_on()
    {
        using var store = Open();
        var result = Run(new TinyExperiment { Fails = p => p.Optimizer == TinyOptimizer.Sgd, Plan = Plan(trials: 8) }, store);

        Assert.Equal(StudyStopReason.BudgetReached, result.Reason);
        var failed = result.Trials.Where(t => t.State == TrialState.Failed).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, t => Assert.Contains("this trial was made to fail", t.SystemAttributes["fail_reason"], StringComparison.Ordinal));
        Assert.All(result.Trials.Where(t => t.State == TrialState.Complete), t => Assert.Equal("adam", t.Parameters["optimizer"]));
    }

    [Fact]
    public void A_trial_failing_inside_LibTorch_stores_and_reports_the_first_line_of_the_error_without_the_native_stack()
    {
        using var store = Open();
        var result = Run(new TinyExperiment { FailsNatively = _ => true, Plan = Plan(trials: 3) }, store, o => o with { MaxConsecutiveFailures = 2 });

        Assert.Equal(StudyStopReason.TooManyFailures, result.Reason);
        Assert.All(result.Trials, t =>
        {
            var reason = t.SystemAttributes["fail_reason"];
            Assert.DoesNotContain("frame #", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("\\n", reason, StringComparison.Ordinal);
            Assert.Contains("cannot be multiplied", reason, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("frame #", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_whose_images_do_not_fit_the_models_input_stop_the_run_before_the_study_is_created()
    {
        using var store = Open();
        using var small = new DataSplits(SyntheticData.Create(16, [1, 1, 1], 2, seed: 3));

        var error = Assert.Throws<DataException>(() => Run(new TinyExperiment(), store, o => o with { Data = small }));

        Assert.Contains("1x1x1", error.Message, StringComparison.Ordinal);
        Assert.Contains("1x6x6", error.Message, StringComparison.Ordinal);
        Assert.Null(store.FindStudy("tiny"));
    }

    [Fact]
    public void Data_with_more_classes_than_the_model_has_outputs_stops_the_run_before_the_study_is_created()
    {
        // An image_folder without 'classes:' has as many classes as sub-folders, which only the run knows.
        using var store = Open();
        using var threeClasses = TinyExperiment.Data(classes: 3);

        var error = Assert.Throws<DataException>(() => Run(new TinyExperiment(), store, o => o with { Data = threeClasses }));

        Assert.Contains("has 3 classes", error.Message, StringComparison.Ordinal);
        Assert.Contains("ends with 2 outputs", error.Message, StringComparison.Ordinal);
        Assert.Contains("classes: 3", error.Message, StringComparison.Ordinal);
        Assert.Null(store.FindStudy("tiny"));
    }

    [Fact]
    public void Too_many_failures_in_a_row_stop_the_study_with_the_reasons()
    {
        using var store = Open();
        var result = Run(new TinyExperiment { Fails = _ => true, Plan = Plan(trials: 20) }, store, o => o with { MaxConsecutiveFailures = 3 });

        Assert.Equal(StudyStopReason.TooManyFailures, result.Reason);
        Assert.Equal(3, result.Trials.Count);
        Assert.Contains("3 trials in a row failed", result.Message, StringComparison.Ordinal);
        Assert.Contains("this trial was made to fail", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sampled_points_never_break_a_constraint()
    {
        using var store = Open();
        var result = Run(new TinyExperiment { Constraint = p => p.Lr < 0.02, Plan = Plan(trials: 6) }, store);

        Assert.All(result.Trials, t => Assert.True((double)t.Parameters["lr"] < 0.02));
        Assert.All(result.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Constraints_on_model_params_are_checked_on_the_built_model()
    {
        using var store = Open();
        var result = Run(new TinyExperiment { ModelConstraint = (parameters, _) => parameters <= 200, Plan = Plan(trials: 4) }, store);

        Assert.All(result.Trials, t => Assert.Equal(4L, t.Parameters["width"]));
    }

    [Fact]
    public void Constraints_on_model_flops_see_the_flops_the_checker_counts()
    {
        // Width 4: a 3x3 conv to 4 maps of 4x4 (2*4*16*9 = 1,152) and a linear 64 -> 2 (256): 1,408. Width 8: 2,816.
        using var store = Open();
        var seen = new List<long>();
        var result = Run(new TinyExperiment { ModelConstraint = (_, flops) => { seen.Add(flops); return flops <= 1408; }, Plan = Plan(trials: 3) }, store);

        Assert.All(result.Trials, t => Assert.Equal(4L, t.Parameters["width"]));
        Assert.Equal([1408L, 2816L], seen.Distinct().Order());
    }

    [Fact]
    public void Each_trial_records_its_models_trainable_parameters_and_flops()
    {
        // Width 4: conv 1 -> 4 (3x3, bias) 40 and linear 64 -> 2 130 parameters, 1,408 FLOPs; width 8: 80 + 258 and 2,816.
        using var store = Open();
        var result = Run(new TinyExperiment { Plan = Plan(trials: 4) }, store);

        Assert.All(result.Trials, t =>
        {
            var (parameters, flops) = (long)t.Parameters["width"] == 4 ? ("170", "1408") : ("338", "2816");
            Assert.Equal(parameters, t.UserAttributes[StudyAttributes.ModelParams]);
            Assert.Equal(flops, t.UserAttributes[StudyAttributes.ModelFlops]);
        });
    }

    [Fact]
    public void A_flops_objective_is_counted_without_training()
    {
        using var store = Open();
        var plan = Plan(trials: 3) with { Objectives = [new Objective("model.flops", StudyDirection.Minimize, MetricSource.ModelFlops)] };

        var result = Run(new TinyExperiment { Plan = plan }, store);

        Assert.All(result.Trials, t => Assert.Equal((long)t.Parameters["width"] == 4L ? 1408 : 2816, t.Values![0]));
        Assert.All(result.Trials, t => Assert.Empty(t.Intermediate));
    }

    [Fact]
    public void An_objective_is_measured_by_its_source_whatever_its_name()
    {
        using var store = Open();
        var plan = Plan(trials: 2) with { Objectives = [new Objective("cost", StudyDirection.Minimize, MetricSource.ModelFlops)] };

        var result = Run(new TinyExperiment { Plan = plan }, store);

        Assert.All(result.Trials, t => Assert.Equal((long)t.Parameters["width"] == 4L ? 1408 : 2816, t.Values![0]));
    }

    [Fact]
    public void An_objective_of_an_earlier_study_known_only_by_its_stored_name_is_never_measured()
    {
        using var store = Open();
        var plan = Plan(trials: 1) with { Objectives = [new Objective("val_accuracy", StudyDirection.Maximize, MetricSource.Recorded)] };

        var result = Run(new TinyExperiment { Plan = plan }, store);

        var trial = Assert.Single(result.Trials);
        Assert.Equal(TrialState.Failed, trial.State);
    }

    [Fact]
    public void The_grid_covers_every_point_exactly_once_across_a_resume_and_then_stops()
    {
        using var store = Open();
        var grid = new GridTiny();
        var first = Run(grid, store, o => o with { Trials = 3 });
        var second = Run(grid, store, o => o with { Trials = 100 });

        Assert.Equal(StudyStopReason.SpaceExhausted, second.Reason);
        var points = second.Trials.Where(t => t.State != TrialState.Waiting).Select(t => FormatPoint(t.Parameters)).ToList();
        Assert.Equal(6, points.Count);
        Assert.Equal(points.Count, points.Distinct().Count());
        Assert.Equal(3, first.Trials.Count(t => t.State == TrialState.Waiting));
        Assert.Equal(first.Trials.Where(t => t.State != TrialState.Waiting).Select(t => FormatPoint(t.Parameters)), points.Take(3));
    }

    [Fact]
    public void A_trial_left_running_by_a_dead_process_is_failed_and_its_configuration_runs_once_more()
    {
        using var store = Open();
        Run(new TinyExperiment(), store, o => o with { Trials = 1 });
        var study = store.FindStudy("tiny")!.Value;
        var orphan = store.CreateRunningTrial(study);
        store.SetParameter(orphan.Id, new FloatSpace("lr", 1e-3, 0.5, true, null, null), 0.05);
        store.SetParameter(orphan.Id, new CategoricalSpace("width", [4L, 8L], null), 4L);
        store.SetParameter(orphan.Id, new CategoricalSpace("optimizer", ["adam", "sgd"], null), "adam");

        var result = Run(new TinyExperiment(), store, o => o with { Trials = 3, StaleAfter = TimeSpan.Zero });

        var dead = result.Trials.Single(t => t.Number == orphan.Number);
        Assert.Equal(TrialState.Failed, dead.State);
        Assert.Contains("heartbeat", dead.SystemAttributes["fail_reason"], StringComparison.Ordinal);
        var retry = result.Trials.Single(t => t.UserAttributes.ContainsKey(StudyAttributes.RetryOf));
        Assert.Equal(TrialState.Complete, retry.State);
        Assert.Equal(FormatPoint(dead.Parameters), FormatPoint(retry.Parameters));
        Assert.Equal(3, result.Trials.Count(t => t.State == TrialState.Complete));

        var again = Run(new TinyExperiment(), store, o => o with { Trials = 3, StaleAfter = TimeSpan.Zero });
        Assert.Equal(0, again.Ran);
    }

    [Fact]
    public void Cancelling_writes_the_running_trial_as_interrupted_and_the_next_run_repeats_it()
    {
        using var store = Open();
        using var cancel = new CancellationTokenSource();
        var observer = new CancelAfterFirstEpoch(cancel);
        var runner = new StudyRunner(new TinyExperiment(), store, Options(), observer);

        var interrupted = runner.Run(cancel.Token);

        Assert.Equal(StudyStopReason.Interrupted, interrupted.Reason);
        var trial = Assert.Single(interrupted.Trials);
        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Contains("interrupted by the user after epoch 1", trial.SystemAttributes["fail_reason"], StringComparison.Ordinal);

        var resumed = Run(new TinyExperiment(), store);
        Assert.Equal(4, resumed.Trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal(FormatPoint(trial.Parameters), FormatPoint(resumed.Trials.Single(t => t.UserAttributes.ContainsKey(StudyAttributes.RetryOf)).Parameters));
    }

    [Fact]
    public void Parallel_trials_share_the_budget_without_duplicate_numbers()
    {
        using var store = Open();
        var result = Run(new TinyExperiment { Plan = Plan(trials: 6) with { Parallel = 3 } }, store);

        Assert.Equal(6, result.Trials.Count);
        Assert.Equal(Enumerable.Range(0, 6), result.Trials.Select(t => t.Number).Order());
        Assert.All(result.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Two_objectives_store_both_values_and_the_best_trials_are_the_pareto_front()
    {
        using var store = Open();
        var plan = Plan(trials: 5) with { Objectives = [new Objective("val_accuracy", StudyDirection.Maximize, MetricSource.ValAccuracy), new Objective("model.params", StudyDirection.Minimize, MetricSource.ModelParams)] };
        var result = Run(new TinyExperiment { Plan = plan }, store);

        Assert.All(result.Trials, t => Assert.Equal(2, t.Values!.Count));
        Assert.All(result.Trials, t => Assert.Equal((long)t.Parameters["width"] == 4L ? 170 : 338, t.Values![1]));
        Assert.Equal([StudyDirection.Maximize, StudyDirection.Minimize], store.Directions(result.Version.StudyId));
        Assert.NotEmpty(result.Best);
        Assert.All(result.Best, b => Assert.DoesNotContain(result.Trials, t => BestTrials.Dominates(t.Values!, b.Values!, result.Directions)));
    }

    [Fact]
    public void An_nsga2_study_breeds_its_second_generation_from_the_stored_first()
    {
        using var store = Open();
        // No mutation and always crossover: every value of a child is one of its parents', read back from the store.
        var plan = Plan(trials: 6) with
        {
            Objectives = [new Objective("val_accuracy", StudyDirection.Maximize, MetricSource.ValAccuracy), new Objective("model.params", StudyDirection.Minimize, MetricSource.ModelParams)],
            Sampler = new SamplerChoice.Nsga2(Population: 3, CrossoverProb: 1, MutationProb: 0),
            Epochs = 1,
        };
        var result = Run(new TinyExperiment { Plan = plan }, store);

        var first = result.Trials.Where(t => t.Number < 3).ToList();
        Assert.All(result.Trials.Where(t => t.Number >= 3), child =>
        {
            Assert.Contains(child.Parameters["lr"], first.Select(t => t.Parameters["lr"]));
            Assert.Contains(child.Parameters["width"], first.Select(t => t.Parameters["width"]));
            Assert.Contains(child.Parameters["optimizer"], first.Select(t => t.Parameters["optimizer"]));
        });
    }

    [Fact]
    public void A_gp_study_proposes_from_the_stored_trials_once_its_startup_is_complete()
    {
        using var store = Open();
        var plan = Plan(trials: 5) with { Sampler = new SamplerChoice.Gp(Startup: 3), Epochs = 1 };
        var experiment = new TinyExperiment { Plan = plan };
        var result = Run(experiment, store);

        Assert.Equal(5, result.Trials.Count(t => t.State == TrialState.Complete));

        // Trial 3 is the Gaussian process's proposal from the three trials read back from SQLite:
        // a sampler given them anew proposes the same point.
        var stored = result.Trials.Where(t => t.Number < 3).Select(t => t.ToRecord()).ToList();
        var again = new GpSampler(plan.Seed, [StudyDirection.Maximize], new GpOptions(StartupTrials: 3), experiment.SearchSpace);
        var proposal = again.Propose(stored, 3, new Random(0));
        var fourth = result.Trials.Single(t => t.Number == 3);
        Assert.NotNull(proposal);
        Assert.Equal(again.StartTrial(stored, 3).SuggestFloat("lr", 1e-3, experiment.MaxLr, log: true), (double)fourth.Parameters["lr"], 12);
    }

    [Fact]
    public void A_gp_study_proposes_within_the_require_constraints_on_parameters()
    {
        using var store = Open();
        var plan = Plan(trials: 5) with { Sampler = new SamplerChoice.Gp(Startup: 3), Epochs = 1 };
        var experiment = new TinyExperiment { Plan = plan, Constraint = p => p.Lr < 0.02 };
        var result = Run(experiment, store);

        Assert.Equal(5, result.Trials.Count(t => t.State == TrialState.Complete));
        Assert.All(result.Trials, t => Assert.True((double)t.Parameters["lr"] < 0.02));

        // Trial 3 is the constrained proposal itself, taken at the first attempt: a sampler given
        // the stored trials and the same constraint proposes the same lr.
        var stored = result.Trials.Where(t => t.Number < 3).Select(t => t.ToRecord()).ToList();
        var space = experiment.SearchSpace.ToDictionary(p => p.Name);
        var again = new GpSampler(plan.Seed, [StudyDirection.Maximize], new GpOptions(StartupTrials: 3), experiment.SearchSpace, v => PointConstraints.SatisfiesParameters(experiment, space, v));
        Assert.Equal(again.StartTrial(stored, 3).SuggestFloat("lr", 1e-3, experiment.MaxLr, log: true), (double)result.Trials.Single(t => t.Number == 3).Parameters["lr"], 12);
    }

    [Fact]
    public void Only_the_best_trial_keeps_its_weights()
    {
        using var store = Open();
        var weights = Path.Combine(_folder, "weights");
        var result = Run(new TinyExperiment(), store, o => o with { WeightsDirectory = weights });

        var best = Assert.Single(result.Best);
        var files = Directory.GetFiles(Path.Combine(weights, "tiny"));
        Assert.Equal([Path.Combine(weights, "tiny", $"trial-{best.Number}.pt")], files);
        Assert.Equal($"\"{files[0]}\"", best.UserAttributes[StudyAttributes.Weights]);
    }

    [Fact]
    public void A_pruner_stops_trials_worse_than_the_median()
    {
        using var store = Open();
        var plan = Plan(trials: 8) with { Pruner = new PrunerChoice.Median(Startup: 2, Warmup: 0), Epochs = 3 };
        var result = Run(new TinyExperiment { Plan = plan }, store);

        var pruned = result.Trials.Where(t => t.State == TrialState.Pruned).ToList();
        Assert.All(pruned, t => Assert.True(t.Intermediate.Count < 3));
        Assert.All(result.Trials.Take(2), t => Assert.Equal(TrialState.Complete, t.State));
    }

    private static StudyPlan Plan(int trials) => new TinyExperiment().Plan with { Trials = trials };

    private static string FormatPoint(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(" ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)}"));

    private IStudyStore Open(string name = "study.db") => SqliteStudyStore.Open(Path.Combine(_folder, name));

    private StudyRunOptions Options() => new() { SpecPath = Path.Combine(_folder, "tiny.hyp"), SpecText = "experiment tiny { }", Data = _data };

    private StudyResult Run(IExperimentDefinition experiment, IStudyStore store, Func<StudyRunOptions, StudyRunOptions>? configure = null) =>
        new StudyRunner(experiment, store, (configure ?? (o => o))(Options())).Run();

    /// <summary>The tiny experiment with a finite space: 3 learning rates x 2 widths, searched by grid.</summary>
    private sealed class GridTiny : IExperimentDefinition
    {
        private readonly TinyExperiment _inner = new();

        public string Name => "tiny";

        public string StudyHash => "grid";

        public IReadOnlyList<ParameterSpace> SearchSpace => [new CategoricalSpace("lr", [0.01, 0.03, 0.1], null), new CategoricalSpace("width", [4L, 8L], null)];

        public StudyPlan Plan => _inner.Plan with { Sampler = new SamplerChoice.Grid(), Trials = null };

        public object Sample(ITrialSuggestions trial) =>
            new TinyPoint(trial.SuggestCategorical("lr", [0.01, 0.03, 0.1]), (int)trial.SuggestCategorical("width", [4L, 8L]), TinyOptimizer.Adam, null);

        public bool Satisfies(object point) => true;

        public IReadOnlyList<long> InputShape => [1, 6, 6];

        public bool HasModelConstraints => false;

        public bool SatisfiesModel(object point, long modelParams, long modelFlops) => true;

        public TrainingOptions Training(object point) => _inner.Training(point) with { Epochs = 1 };

        public TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> BuildModel(object point) => _inner.BuildModel(point);

        public DataSplits LoadData(long seed, string? baseDirectory) => TinyExperiment.Data();
    }

    private sealed class CancelAfterFirstEpoch(CancellationTokenSource cancel) : IStudyObserver
    {
        public void StudyStarted(StudyStart start)
        {
        }

        public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin)
        {
        }

        public void EpochFinished(int number, EpochMetrics metrics, int epochs) => cancel.Cancel();

        public void TrialFinished(StoredTrial trial, TimeSpan duration)
        {
        }

        public void StudyFinished(StudyResult result)
        {
        }
    }
}
