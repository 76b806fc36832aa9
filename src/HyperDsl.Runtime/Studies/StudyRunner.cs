using System.Diagnostics;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Population;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training.Checkpoints;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// Runs a study: opens (or starts) the study version for the spec, recovers trials a crashed run
/// left behind, then starts trials (queued <c>try</c> points and retries first, then the
/// sampler's) until the budget, the time limit, the grid, too many failures in a row, or the
/// user stops it. With <c>parallel N</c>, N trials train at once on threads of this process.
/// </summary>
public sealed class StudyRunner
{
    /// <summary>Draws tried before giving up on finding a point that meets the constraints.</summary>
    public const int ConstraintAttempts = 100;

    private readonly IExperimentDefinition _experiment;
    private readonly IStudyStore _store;
    private readonly StudyRunOptions _options;
    private readonly IStudyObserver _observer;
    private readonly Dictionary<string, ParameterSpace> _space;
    private readonly object _gate = new();

    /// <summary>Creates a runner.</summary>
    public StudyRunner(IExperimentDefinition experiment, IStudyStore store, StudyRunOptions options, IStudyObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _experiment = experiment;
        _store = store;
        _options = options;
        _observer = observer ?? SilentStudyObserver.Instance;
        _space = experiment.SearchSpace.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>Runs the study until it should stop; cancelling ends the running trials after their epoch, as interrupted.</summary>
    /// <exception cref="StudyStoreException">The store cannot be used (a store this process may not write is reported before anything starts).</exception>
    /// <exception cref="DeviceUnavailableException">A CUDA device the spec names is not present (reported before anything starts).</exception>
    public StudyResult Run(CancellationToken cancellation = default)
    {
        var plan = _experiment.Plan;

        // The GPUs first: a missing one is known at once, before data is read or the store touched.
        TorchRuntime.VerifyCudaDevices(plan.CudaDevices);

        // Data first: a missing data set, or one that does not fit the model, is reported before the store is touched.
        var data = _options.Data ?? _experiment.LoadData(plan.Seed, _options.SpecPath.Length > 0 ? Path.GetDirectoryName(Path.GetFullPath(_options.SpecPath)) : null);
        try
        {
            // Checked at one point; with a searched image size, at that point's size (each size is a resized copy of the same data).
            using var pointData = new PointData(_experiment, data);
            var point = _experiment.Sample(new FixedSuggestions(new Dictionary<string, object>(), fallback: null));
            InputShapeCheck.Verify(pointData.For(point), _experiment.InputShapeAt(point), _experiment.Training(point));
            OutputClassCheck.Verify(pointData.For(point), _experiment, point);
            return Run(data, pointData, cancellation);
        }
        finally
        {
            if (_options.Data is null)
            {
                data.Dispose();
            }
        }
    }

    private StudyResult Run(DataSplits data, PointData pointData, CancellationToken cancellation)
    {
        // A database this process may not write is reported now, not when the first trial is stored.
        _store.CheckWritable();
        var plan = _experiment.Plan;
        var name = _options.StudyName ?? _experiment.Name;
        var versions = new StudyVersions(_store, _experiment, Satisfies);
        var spec = new SpecRecord(_experiment.StudyHash, _options.SpecPath, _options.SpecText, _options.CompilerVersion);
        var (version, isNew, previous) = versions.Resolve(name, spec);
        var warm = isNew && previous is not null && _options.WarmStart ? versions.WarmStart(previous, version) : 0;
        versions.QueueTryPoints(version);
        var directions = _store.Directions(version.StudyId);
        var seed = _options.Seed ?? plan.Seed;
        var sampler = plan.Sampler.Create(seed, directions, _experiment.SearchSpace, s => _experiment.Sample(new RecordingSuggestions(s, _space)), Accepts, SatisfiesParameters);
        if (sampler is GridSampler grid)
        {
            versions.QueueGrid(version, grid);
        }

        // A population member whose process was killed stays a member: paused again at its checkpoint before recovery looks.
        if (plan.Sampler is SamplerChoice.Pbt)
        {
            new TrialRecovery(_store).PauseOrphanedMembers(version.StudyId);
        }

        var recovered = new TrialRecovery(_store).Recover(version.StudyId, _options.StaleAfter);
        var budget = _options.Trials ?? plan.Trials;
        var consumed = Consumed(_store.Trials(version.StudyId));

        // A population-based study runs one population each time, whatever the trials done before.
        // A population left paused by an earlier run (interrupted, or past its timeout) is resumed instead: no new trials.
        var announced = plan.Sampler is SamplerChoice.Pbt populationBased
            ? consumed + (_store.Trials(version.StudyId).Any(t => t.State == TrialState.Running && TrialRecovery.IsPaused(t) && t.UserAttributes.ContainsKey(MemberStretch.Key)) ? 0 : populationBased.Population)
            : budget;
        _observer.StudyStarted(new StudyStart(version, isNew, _store.Location, announced, consumed, recovered, warm, isNew ? previous : null) { Data = data.Describe() });

        var pruner = directions.Count == 1 ? plan.Pruner.Create(directions[0], plan.Epochs) : new NopPruner();
        var promotion = directions.Count == 1 ? plan.Pruner.Promotion(directions[0], plan.Epochs) : null;
        var population = plan.Sampler.PopulationTimetable(directions[0], plan.Epochs);
        var weights = _options.WeightsDirectory is { } folder ? Path.Combine(folder, Sanitize(version.StudyName)) : null;

        // A promoting ASHA pauses trials at rungs, so it needs checkpoints even when the run asked for none.
        var checkpointPlace = _options.CheckpointDirectory ?? (promotion is null && population is null && _options.Replay is null ? null : Path.Combine(Path.GetTempPath(), "hyperdsl-checkpoints"));
        var checkpoints = checkpointPlace is { } place
            ? new TrialCheckpoints(_store, Path.Combine(place, Sanitize(version.StudyName)), _options.CheckpointEvery, _options.CheckpointInterval, _options.CheckpointRetention, _experiment.StudyHash)
            : null;
        if (_options.Replay is { Count: > 0 } stretches)
        {
            // One trial that follows a PBT schedule: it pauses at each stretch's boundary and goes on with the next stretch's values.
            var boundaries = new StretchBoundaries(stretches, plan.Epochs);
            var replaying = new TrialExecutor(_store, _experiment, _options, new NopPruner(), _observer, checkpoints, boundaries);
            var replay = new PopulationStudy(_store, _experiment, _space, Satisfies, _observer, replaying, checkpoints!, new PopulationSchedule(1, 0.25, plan.Epochs, directions[0]), 1, 0, seed);
            var (ran, why, said) = replay.Replay(version, pointData, stretches, CudaDeviceOf(plan, 0), cancellation);
            var replayed = new StudyResult(version, directions, _store.Trials(version.StudyId), ran, why, said);
            _observer.StudyFinished(replayed);
            return replayed;
        }

        if (population is not null && plan.Sampler is SamplerChoice.Pbt pbt)
        {
            // Population-based training runs the whole population itself: its members pause at each interval's end.
            // An interrupted member pauses where it is (it stays a member), and the next run resumes the population; the time limit
            // is looked at at each interval's end.
            var executor = new TrialExecutor(_store, _experiment, _options, new NopPruner(), _observer, checkpoints, population, pauseWhenInterrupted: true);
            var members = new PopulationStudy(_store, _experiment, _space, Satisfies, _observer, executor, checkpoints!, population, pbt.Population, pbt.Resample, seed, weights);
            var (started, reason, message) = members.Run(version, pointData, CudaDeviceOf(plan, 0), _options.Timeout ?? plan.Timeout, cancellation);
            var ended = new StudyResult(version, directions, _store.Trials(version.StudyId), started, reason, message);
            _observer.StudyFinished(ended);
            return ended;
        }

        var run = new Session(this, version, budget, sampler, new TrialExecutor(_store, _experiment, _options, pruner, _observer, checkpoints, promotion), pointData, seed, weights, directions, checkpoints, promotion);
        var workers = Math.Max(1, plan.Parallel);
        if (workers == 1)
        {
            run.Work(CudaDeviceOf(plan, 0), cancellation);
        }
        else
        {
            // N trials at once share the cores: each gets its part of LibTorch's intra-op threads.
            TorchRuntime.Initialize(new RuntimeOptions(Threads: Math.Max(1, Environment.ProcessorCount / workers)));
            Task.WaitAll([.. Enumerable.Range(0, workers).Select(worker => Task.Factory.StartNew(() => run.Work(CudaDeviceOf(plan, worker), cancellation), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))], CancellationToken.None);
        }

        if (promotion is not null && run.Reason != StudyStopReason.Interrupted)
        {
            run.PruneUnpromoted();
        }

        var result = new StudyResult(version, directions, _store.Trials(version.StudyId), run.Started, run.Reason, run.Message);
        _observer.StudyFinished(result);
        return result;
    }

    // Worker w trains on the w-th listed GPU, round the list when there are more workers than GPUs.
    private static int? CudaDeviceOf(StudyPlan plan, int worker) =>
        plan.CudaDevices.Count == 0 ? null : plan.CudaDevices[worker % plan.CudaDevices.Count];

    private bool Accepts(IReadOnlyDictionary<string, object> point) => Satisfies(_experiment.Sample(new FixedSuggestions(point, fallback: null)));

    // The constraints on parameters first (cheap), then those on model.params (the model is built and counted).
    private bool Satisfies(object point) => PointConstraints.Satisfies(_experiment, point);

    // Whether the constraints on parameters can hold at some parameters' values (a sampler's candidate).
    private bool? SatisfiesParameters(IReadOnlyDictionary<string, object> values) => PointConstraints.SatisfiesParameters(_experiment, _space, values);

    // Trials that count toward the budget, for the start message (IStudyStore.StartNextTrial counts
    // the same way when it decides): all but the waiting ones, the failed ones queued again (their
    // retry counts instead) and the failed ones that never got a point.
    private static int Consumed(IReadOnlyList<StoredTrial> trials)
    {
        var retried = TrialRecovery.RetriedNumbers(trials);
        return trials.Count(t => t.State != TrialState.Waiting && !(t.State == TrialState.Failed && (retried.Contains(t.Number) || t.Parameters.Count == 0)));
    }

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_'));

    // The state one run shares between its worker threads.
    private sealed class Session(StudyRunner runner, StudyVersion version, int? budget, ISampler sampler, TrialExecutor executor, PointData data, long seed, string? weights, IReadOnlyList<StudyDirection> directions, TrialCheckpoints? checkpoints, IPromotionSchedule? promotion)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<string> _failures = [];
        private int _consecutiveFailures;
        private bool _stopped;
        private bool _budgetSpent;

        public int Started { get; private set; }

        public StudyStopReason Reason { get; private set; } = StudyStopReason.BudgetReached;

        public string Message { get; private set; } = "";

        private IStudyStore Store => runner._store;

        private IExperimentDefinition Experiment => runner._experiment;

        public void Work(int? cudaDevice, CancellationToken cancellation)
        {
            while (Next(cancellation) is { } next)
            {
                var (trial, point, trainingSeed, promoted) = next;
                var path = weights is null ? null : Path.Combine(weights, $"trial-{trial.Number}.pt");
                if (path is not null)
                {
                    Directory.CreateDirectory(weights!);
                }

                var state = executor.Run(trial, version.StudyId, point, data.For(point), trainingSeed, cudaDevice, path, IsBest, cancellation, promoted);
                Settle(state, trial);
            }
        }

        // Claims the next trial under the lock, so parallel workers never overshoot the budget or share a grid point.
        private (StoredTrial Trial, object Point, long Seed, TrainingCheckpoint? Promoted)? Next(CancellationToken cancellation)
        {
            lock (runner._gate)
            {
                while (true)
                {
                    if (_stopped)
                    {
                        return null;
                    }

                    if (cancellation.IsCancellationRequested)
                    {
                        Stop(StudyStopReason.Interrupted, "interrupted by the user");
                        return null;
                    }

                    if ((runner._options.Timeout ?? Experiment.Plan.Timeout) is { } limit && _clock.Elapsed >= limit)
                    {
                        Stop(StudyStopReason.TimedOut, $"the time limit ({limit}) passed");
                        return null;
                    }

                    // Each start also looks for trials whose workers died meanwhile (other processes, other
                    // machines): they are failed and queued again, and stop counting toward the budget.
                    new TrialRecovery(Store).Recover(version.StudyId, runner._options.StaleAfter);
                    var trials = Store.Trials(version.StudyId);

                    // Promoting ASHA: a paused trial that may go on comes before a new one (and after the budget is spent).
                    (StoredTrial Trial, object? Point, TrainingCheckpoint? Checkpoint)? promotedTrial;
                    try
                    {
                        promotedTrial = promotion is null ? null : Promote(promotion, trials);
                    }
                    catch (StudyStoreException error) when (error.OutcomeUnknown)
                    {
                        // The claim may have been recorded: then nobody heartbeats the trial, which is found stale later and
                        // retried from its checkpoint; choose again.
                        continue;
                    }

                    if (promotedTrial is { } promotedOne)
                    {
                        if (promotedOne.Point is null)
                        {
                            continue;
                        }

                        return (promotedOne.Trial, promotedOne.Point, promotedOne.Checkpoint!.Seed, promotedOne.Checkpoint);
                    }

                    if (_budgetSpent)
                    {
                        return null;
                    }

                    var history = trials.Where(t => t.State != TrialState.Waiting).Select(t => t.ToRecord()).ToList();
                    (StoredTrial Trial, object? Point, long Seed)? started;
                    try
                    {
                        started = Start(history);
                    }
                    catch (StudyStoreException error) when (error.OutcomeUnknown)
                    {
                        // The connection dropped while a trial was being created or claimed: if it was
                        // recorded, nobody heartbeats it, so it is found stale later; start another one.
                        continue;
                    }

                    if (started is null)
                    {
                        return null;
                    }

                    if (started.Value.Point is null)
                    {
                        // The point could not be used (it breaks the constraints, or a try point no longer fits): recorded as failed.
                        continue;
                    }

                    Started++;
                    return (started.Value.Trial, started.Value.Point, started.Value.Seed, null);
                }
            }
        }

        private (StoredTrial Trial, object? Point, long Seed)? Start(List<TrialRecord> history)
        {
            // The store counts the budget's trials as it starts this one, so workers that read the
            // study at the same moment cannot both take its last place.
            var next = Store.StartNextTrial(version.StudyId, budget, create: sampler is not GridSampler);
            if (next.BudgetReached)
            {
                return StopAtBudget(budget!.Value);
            }

            var trial = next.Trial;
            RecordingSuggestions? recorder = null;
            object? point = null;
            string? problem = null;
            if (next.WasWaiting && trial is not null)
            {
                var values = trial.SystemAttributes.TryGetValue(StudyAttributes.FixedParams, out var json) ? JsonValues.ReadObject(json) : new Dictionary<string, object>();
                var fixedValues = new FixedSuggestions(values, sampler is GridSampler ? null : sampler.StartTrial(history, trial.Number));
                recorder = new RecordingSuggestions(fixedValues, runner._space);
                point = Experiment.Sample(recorder);
                problem = fixedValues.OutOfRange.Count > 0 ? $"the queued values of {string.Join(", ", fixedValues.OutOfRange)} are outside the space"
                    : fixedValues.Missing.Count > 0 ? $"the queued point gives no value for {string.Join(", ", fixedValues.Missing)}"
                    : !runner.Satisfies(point) ? "the queued point breaks a 'require' constraint" : null;
            }
            else
            {
                if (trial is null)
                {
                    // Only a grid creates no trials: every point was queued when the study began, so none
                    // left waiting means the grid is done.
                    return Stop(StudyStopReason.SpaceExhausted, $"the grid's {((GridSampler)sampler).Points.Count} points have all been tried");
                }

                for (var attempt = 0; attempt < ConstraintAttempts; attempt++)
                {
                    recorder = new RecordingSuggestions(sampler.StartTrial(history, trial.Number + (attempt * 1_000_003)), runner._space);
                    point = Experiment.Sample(recorder);
                    if (runner.Satisfies(point))
                    {
                        break;
                    }

                    point = null;
                }

                problem = point is null ? $"no point meeting the 'require' constraints was found in {ConstraintAttempts} draws" : null;
            }

            foreach (var (distribution, value) in recorder!.Recorded)
            {
                Store.SetParameter(trial.Id, distribution, value);
            }

            var trainingSeed = Experiment.Plan.TrainingSeed ?? SeedMixer.Mix(seed, trial.Number, stream: 7);
            Store.SetTrialSystemAttribute(trial.Id, StudyAttributes.SpecHash, JsonValues.Of(Experiment.StudyHash));
            Store.SetTrialSystemAttribute(trial.Id, StudyAttributes.Worker, JsonValues.Of(TrialRecovery.ThisWorker));
            Store.SetTrialSystemAttribute(trial.Id, StudyAttributes.Seed, JsonValues.Of(trainingSeed));
            var origin = JsonValues.ReadString(trial.UserAttributes, StudyAttributes.Origin) switch
            {
                "try" => "try point",
                "grid" => "grid",
                "retry" => $"retry of #{JsonValues.ReadLong(trial.UserAttributes, StudyAttributes.RetryOf)}",
                _ => runner._experiment.Plan.Sampler.Name,
            };
            runner._observer.TrialStarted(trial.Number, recorder.Values, origin);
            if (problem is not null)
            {
                Store.FinishTrial(trial.Id, TrialState.Failed, failReason: problem);
                runner._observer.TrialFinished(Store.Trials(version.StudyId).First(t => t.Id == trial.Id), TimeSpan.Zero);
                return (trial, null, trainingSeed);
            }

            return (trial, point, trainingSeed);
        }

        private (StoredTrial, object?, long)? StopAtBudget(int budget) =>
            Stop(StudyStopReason.BudgetReached, $"the study has {budget} trial{(budget == 1 ? "" : "s")}");

        private (StoredTrial, object?, long)? Stop(StudyStopReason reason, string message)
        {
            if (!_stopped)
            {
                Reason = reason;
                Message = message;

                // Promoting, the budget (or the grid) ends only the new trials: the paused ones are still promoted while any may go on.
                if (promotion is not null && reason is StudyStopReason.BudgetReached or StudyStopReason.SpaceExhausted)
                {
                    _budgetSpent = true;
                }
                else
                {
                    _stopped = true;
                }
            }

            return null;
        }

        // The paused trial promotion-based ASHA takes now: claimed in the store (no longer paused, heartbeat and worker renewed; once,
        // across processes) and its checkpoint read. Point null: another process claimed it first, or its checkpoint cannot be
        // used, so it was failed (its rung's value stays in the store); choose again.
        private (StoredTrial Trial, object? Point, TrainingCheckpoint? Checkpoint)? Promote(IPromotionSchedule schedule, IReadOnlyList<StoredTrial> trials)
        {
            // Each trial at its own rungs (Hyperband's brackets have different ones).
            var standings = trials
                .Where(t => t.State != TrialState.Waiting)
                .Select(t => (Trial: t, Rungs: schedule.RungsOf(t.Number)))
                .Select(t => new RungStanding(
                    t.Trial.Number,
                    [.. t.Rungs.TakeWhile(r => t.Trial.Intermediate.ContainsKey(r)).Select(r => t.Trial.Intermediate[r])],
                    t.Trial.State == TrialState.Running && JsonValues.ReadLong(t.Trial.SystemAttributes, StudyAttributes.PausedAtRung) is { } epoch && IndexOf(t.Rungs, (int)epoch) is var index and >= 0 ? index : null))
                .ToList();
            if (schedule.Promotion(standings) is not { } number)
            {
                return null;
            }

            var trial = trials.First(t => t.Number == number);
            if (!Store.ClaimPausedTrial(trial.Id))
            {
                // A worker of another process took it between the read and the claim: its point is not trained here; choose again.
                return (trial, null, null);
            }

            Store.SetTrialSystemAttribute(trial.Id, StudyAttributes.Worker, JsonValues.Of(TrialRecovery.ThisWorker));
            TrainingCheckpoint checkpoint;
            try
            {
                checkpoint = CheckpointFile.Read(checkpoints!.PathOf(trial.Number));
            }
            catch (CheckpointException error)
            {
                Store.FinishTrial(trial.Id, TrialState.Failed, failReason: $"its checkpoint at rung epoch {trial.Intermediate.Keys.Max()} cannot be resumed: {error.Message}");
                return (trial, null, null);
            }

            runner._observer.TrialStarted(trial.Number, trial.Parameters, $"promoted from epoch {checkpoint.Epoch}");
            // Its point again from its stored values, through the declared space (as a queued trial's), so choices map back to the spec's.
            return (trial, Experiment.Sample(new RecordingSuggestions(new FixedSuggestions(trial.Parameters, fallback: null), runner._space)), checkpoint);
        }

        private static int IndexOf(IReadOnlyList<int> rungs, int epoch)
        {
            for (var i = 0; i < rungs.Count; i++)
            {
                if (rungs[i] == epoch)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Ends the trials still paused when the study ends as pruned: their value is their last rung's (Optuna reads a pruned trial's
        /// last intermediate value). Not while another process still trains a trial of the study: its results may yet promote them,
        /// and the last process to end prunes them. Each is claimed first, so one another process promotes meanwhile is left alone.
        /// </summary>
        public void PruneUnpromoted()
        {
            var trials = Store.Trials(version.StudyId);
            if (trials.Any(t => t.State == TrialState.Running && !TrialRecovery.IsPaused(t)))
            {
                return;
            }

            foreach (var paused in trials.Where(t => t.State == TrialState.Running && TrialRecovery.IsPaused(t)))
            {
                try
                {
                    if (!Store.ClaimPausedTrial(paused.Id))
                    {
                        continue;
                    }

                    Store.FinishTrial(paused.Id, TrialState.Pruned);
                    var pruned = Store.Trials(version.StudyId).First(t => t.Id == paused.Id);
                    runner._observer.TrialFinished(pruned, TimeSpan.Zero);
                    checkpoints?.Settle(pruned, null);
                }
                catch (StudyStoreException)
                {
                    // Another process promoted or ended it meanwhile.
                }
                catch (IOException)
                {
                    // A checkpoint that cannot be deleted now only takes disk space.
                }
            }
        }

        private bool IsBest(IReadOnlyList<double> values)
        {
            lock (runner._gate)
            {
                var complete = Store.Trials(version.StudyId).Where(t => t.State == TrialState.Complete && t.Values is { } v && v.Count == directions.Count);
                return !complete.Any(t => BestTrials.Dominates(t.Values!, values, directions)
                    || (directions.Count == 1 && t.Values![0] == values[0]));
            }
        }

        private void Settle(TrialState state, StoredTrial trial)
        {
            lock (runner._gate)
            {
                var trials = Store.Trials(version.StudyId);
                if (weights is not null)
                {
                    DropWeightsOfTrialsNoLongerBest(trials);
                }

                try
                {
                    checkpoints?.KeepOnlyBest(trials, BestTrials.Of(trials, directions).Select(t => t.Number).ToHashSet());
                }
                catch (IOException)
                {
                    // Tried again after the next trial.
                }

                if (state != TrialState.Failed)
                {
                    _consecutiveFailures = 0;
                    return;
                }

                var failed = trials.First(t => t.Id == trial.Id);
                if (JsonValues.IsTrue(failed.SystemAttributes, StudyAttributes.Recoverable))
                {
                    return;
                }

                _consecutiveFailures++;
                _failures.Add($"#{trial.Number}: {JsonValues.ReadString(failed.SystemAttributes, "fail_reason")}");
                if (_consecutiveFailures >= runner._options.MaxConsecutiveFailures)
                {
                    Stop(StudyStopReason.TooManyFailures, $"{_consecutiveFailures} trials in a row failed; the last ones:\n  {string.Join("\n  ", _failures.TakeLast(3))}");
                }
            }
        }

        // Only the best trials (the Pareto front with several objectives) keep their weights on disk;
        // a running trial's file is its best epoch so far and stays.
        private void DropWeightsOfTrialsNoLongerBest(IReadOnlyList<StoredTrial> trials)
        {
            var best = BestTrials.Of(trials, directions).Select(t => t.Number).ToHashSet();
            foreach (var finished in trials.Where(t => t.State is not (TrialState.Running or TrialState.Waiting) && !best.Contains(t.Number)))
            {
                File.Delete(Path.Combine(weights!, $"trial-{finished.Number}.pt"));
            }
        }
    }
}
