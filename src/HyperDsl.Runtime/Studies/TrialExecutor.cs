using System.Diagnostics;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;
using HyperDsl.Runtime.Training.Checkpoints;
using TorchSharp;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// Trains one trial at a point and records it: intermediate values and heartbeats while it runs,
/// the pruner's verdict after each epoch, and how it ended. Whatever goes wrong inside training
/// (an exception, a NaN loss, running out of memory) fails this trial only. With a promotion schedule
/// (<c>asha(promote: true)</c>, or the intervals of <c>pbt</c>) the trial pauses at its next rung: its checkpoint is written, it stays running in the store
/// with <see cref="StudyAttributes.PausedAtRung"/>, and <see cref="Run"/> returns <see cref="TrialState.Running"/>. With
/// <c>pauseWhenInterrupted</c> (population-based training, whose members must stay members), an interrupted trial pauses the
/// same way at the epoch it finished, instead of failing as recoverable.
/// </summary>
internal sealed class TrialExecutor(IStudyStore store, IExperimentDefinition experiment, StudyRunOptions options, IPruner pruner, IStudyObserver observer, TrialCheckpoints? checkpoints = null, IPauseSchedule? promotion = null, bool pauseWhenInterrupted = false)
{
    private readonly IReadOnlyList<Objective> _objectives = experiment.Plan.Objectives;

    /// <summary>
    /// Trains and records the trial, on CUDA device <paramref name="cudaDevice"/> when the spec lists
    /// GPUs; <paramref name="isBest"/> says whether values would make it one of the study's best (whose weights are kept).
    /// A trial <paramref name="promoted"/> from its rung goes on from its own checkpoint (the epochs before it are not trained again).
    /// </summary>
    public TrialState Run(StoredTrial trial, long studyId, object point, DataSplits data, long trainingSeed, int? cudaDevice, string? weightsPath, Func<IReadOnlyList<double>, bool> isBest, CancellationToken cancellation, TrainingCheckpoint? promoted = null)
    {
        var watch = Stopwatch.StartNew();
        string? failure = null;
        var recoverable = false;
        var pruned = false;
        int? pausedAt = null;
        IReadOnlyList<double>? values = null;
        TrainingResult? result = null;

        // A retry of a trial whose worker died (or that was interrupted) goes on from that trial's last checkpoint.
        string? unusable = null;
        var resume = checkpoints?.ResumeOf(trial, studyId, out unusable);
        if (unusable is not null)
        {
            store.SetTrialSystemAttribute(trial.Id, StudyAttributes.ResumeFailed, JsonValues.Of(unusable));
        }

        // The model is measured once, the first time it is built (for static objectives or for training).
        ModelFigures? figures = null;
        torch.nn.Module<torch.Tensor, torch.Tensor> BuildModel()
        {
            var model = experiment.BuildModel(point);
            figures ??= new ModelFigures(ModelParameters.CountTrainable(model), ModelFlops.Count(model, experiment.InputShapeAt(point)));
            return model;
        }

        using (new Timer(_ => Heartbeat(trial.Id), null, options.HeartbeatInterval, options.HeartbeatInterval))
        {
            try
            {
                var statics = StaticValues(() =>
                {
                    // Building the model measures it (once per trial).
                    BuildModel().Dispose();
                    return figures!;
                });
                if (_objectives.All(o => o.IsStatic))
                {
                    values = [.. statics.Select(v => v!.Value)];
                }
                else
                {
                    var intermediate = new Dictionary<int, double>();
                    if (resume is { } resuming)
                    {
                        // The checkpoint's epochs count for this trial: their values are copied (pruners and plots see the whole curve), not trained again.
                        trainingSeed = resuming.Checkpoint.Seed;
                        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.Seed, JsonValues.Of(trainingSeed));
                        foreach (var carried in resuming.Checkpoint.Epochs)
                        {
                            if (Metric(_objectives[0], carried) is { } carriedValue)
                            {
                                store.ReportIntermediate(trial.Id, carried.Epoch, carriedValue);
                                intermediate[carried.Epoch] = carriedValue;
                            }
                        }
                    }

                    if (promoted is not null)
                    {
                        // Its epochs up to the rung were reported when it trained them; it goes on with the seed it started with.
                        trainingSeed = promoted.Seed;
                    }

                    // Promoting, the run pauses at the next rung above the epochs it starts from.
                    var pauseAt = promotion?.NextPause(trial.Number, promoted?.Epoch ?? resume?.Checkpoint.Epoch ?? 0);
                    var settings = experiment.Training(point);
                    var checkpointPath = checkpoints?.PathOf(trial.Number);
                    var training = settings with
                    {
                        Seed = trainingSeed,
                        Checkpoint = checkpoints is null || (!checkpoints.Writes && resume is null && promotion is null) ? null : new CheckpointOptions
                        {
                            Path = checkpointPath!,
                            Every = checkpoints.Every,
                            Interval = checkpoints.Interval,
                            Owner = checkpoints.OwnerOf(trial),
                            ResumeFrom = promoted ?? resume?.Checkpoint,
                            Written = position => checkpoints.Record(trial.Id, checkpointPath!, position),
                        },
                        Device = cudaDevice is null ? settings.Device : DeviceChoice.Cuda,
                        CudaIndex = cudaDevice ?? settings.CudaIndex,
                        SaveBestWeightsWhen = weightsPath is null ? null : ended => KeepsWeights(ended, statics, pruned || failure is not null, isBest) ? weightsPath : null,
                        OnEpoch = metrics =>
                        {
                            observer.EpochFinished(trial.Number, metrics, settings.Epochs);
                            if (cancellation.IsCancellationRequested && pauseWhenInterrupted)
                            {
                                // The epoch's value is reported (a resume from a pause does not copy values), then it pauses there.
                                if (Metric(_objectives[0], metrics) is { } finishedValue)
                                {
                                    store.ReportIntermediate(trial.Id, metrics.Epoch, finishedValue);
                                    intermediate[metrics.Epoch] = finishedValue;
                                }

                                pausedAt = metrics.Epoch;
                                return EpochDecision.Pause;
                            }

                            if (cancellation.IsCancellationRequested)
                            {
                                failure = $"interrupted by the user after epoch {metrics.Epoch}";
                                recoverable = true;

                                // With checkpoints, the interrupted trial's retry goes on from this epoch.
                                return checkpoints is { Writes: true } || promotion is not null ? EpochDecision.Pause : EpochDecision.Stop;
                            }

                            if (Metric(_objectives[0], metrics) is not { } value)
                            {
                                return EpochDecision.Continue;
                            }

                            store.ReportIntermediate(trial.Id, metrics.Epoch, value);
                            intermediate[metrics.Epoch] = value;
                            if (_objectives.Count == 1 && ShouldPrune(trial, studyId, intermediate))
                            {
                                pruned = true;
                                return EpochDecision.Stop;
                            }

                            if (metrics.Epoch == pauseAt)
                            {
                                pausedAt = pauseAt;
                                return EpochDecision.Pause;
                            }

                            return EpochDecision.Continue;
                        },
                    };
                    try
                    {
                        result = new Trainer(training).Fit(BuildModel, data);
                    }
                    catch (CheckpointException error) when (resume is not null)
                    {
                        // Checked before any epoch: the trial trains from the start instead (same seed, same configuration).
                        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.ResumeFailed, JsonValues.Of(error.Message));
                        resume = null;
                        intermediate.Clear();
                        result = new Trainer(training with { Checkpoint = checkpoints!.Writes ? training.Checkpoint! with { ResumeFrom = null } : null }).Fit(BuildModel, data);
                    }

                    if (resume is { } resumed)
                    {
                        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.ResumedFrom, JsonValues.Of(TrialCheckpoints.Position(resumed.Checkpoint.Position, "trial", resumed.Original.Number)));
                        store.SetTrialUserAttribute(trial.Id, StudyAttributes.EpochsTrained, JsonValues.Of(result.Epochs.Count - resumed.Checkpoint.Epoch));
                    }
                    if (result.Outcome == TrainingOutcome.Failed)
                    {
                        failure ??= result.Failure is { } reason ? NativeErrorText.Reduce(reason) : "training failed";
                    }
                    else if (failure is null && !pruned && result.Outcome != TrainingOutcome.Paused)
                    {
                        values = Values(result, statics, out failure);
                    }
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failure = Describe(error);
            }
        }

        var paused = pausedAt is not null && failure is null && result?.Outcome == TrainingOutcome.Paused;
        var state = paused ? TrialState.Running : pruned && failure is null ? TrialState.Pruned : failure is null ? TrialState.Complete : TrialState.Failed;
        try
        {
            if (result is { Last: { } last })
            {
                store.SetTrialUserAttribute(trial.Id, StudyAttributes.Epochs, JsonValues.Of(result.Epochs.Count));
                store.SetTrialUserAttribute(trial.Id, StudyAttributes.Metrics, JsonValues.Of(LastMetrics(last, result.TestAccuracy)));
            }

            if (figures is { } measured)
            {
                store.SetTrialUserAttribute(trial.Id, StudyAttributes.ModelParams, JsonValues.Of(measured.Parameters));
                store.SetTrialUserAttribute(trial.Id, StudyAttributes.ModelFlops, JsonValues.Of(measured.Flops));
            }

            if (recoverable)
            {
                store.SetTrialSystemAttribute(trial.Id, StudyAttributes.Recoverable, "true");
            }

            // A finished trial cannot change, so its weights are recorded before it finishes (they were saved only if it is among the best).
            if (state == TrialState.Complete && weightsPath is not null && File.Exists(weightsPath))
            {
                store.SetTrialUserAttribute(trial.Id, StudyAttributes.Weights, JsonValues.Of(Path.GetFullPath(weightsPath)));
            }

            if (paused)
            {
                // It stays running (Optuna tools see it in progress) until it is promoted or the study ends; recovery passes it over.
                store.SetTrialSystemAttribute(trial.Id, StudyAttributes.PausedAtRung, JsonValues.Of(pausedAt!.Value));
            }
            else
            {
                store.FinishTrial(trial.Id, state, state == TrialState.Complete ? values : null, failure);
            }
        }
        catch (StudyStoreException) when (store.Trials(studyId).First(t => t.Id == trial.Id).State != TrialState.Running)
        {
            // Another worker took this trial for dead (its heartbeat stalled) and failed it; the
            // configuration is queued again there, so this result is dropped rather than written twice.
            state = TrialState.Failed;
        }

        var finished = store.Trials(studyId).First(t => t.Id == trial.Id);
        try
        {
            // A paused trial's checkpoint is what its promotion resumes from.
            if (!paused)
            {
                checkpoints?.Settle(finished, resume?.Original);
            }
        }
        catch (IOException)
        {
            // A checkpoint that cannot be deleted now only takes disk space; the trial's result stands.
        }

        observer.TrialFinished(finished, watch.Elapsed);
        return state;
    }

    // Only a complete trial that is among the study's best writes its weights.
    private bool KeepsWeights(TrainingResult ended, List<double?> statics, bool stopped, Func<IReadOnlyList<double>, bool> isBest) =>
        !stopped && ended.Outcome is TrainingOutcome.Completed or TrainingOutcome.StoppedEarly
        && Values(ended, statics, out var problem) is { } values && problem is null && isBest(values);

    private void Heartbeat(long trialId)
    {
        try
        {
            store.RecordHeartbeat(trialId);
        }
        catch (StudyStoreException)
        {
            // A missed heartbeat is harmless; the next one (or the trial's end) is written.
        }
    }

    private bool ShouldPrune(StoredTrial trial, long studyId, Dictionary<int, double> intermediate)
    {
        var others = store.Trials(studyId).Where(t => t.Id != trial.Id && t.State != TrialState.Waiting).Select(t => t.ToRecord()).ToList();
        var current = new TrialRecord(trial.Number, trial.Parameters, TrialState.Running) { Intermediate = new Dictionary<int, double>(intermediate) };
        return pruner.ShouldPrune(current, others);
    }

    // model.params and model.flops, from the trial's one measurement of its model; the other objectives need training.
    private List<double?> StaticValues(Func<ModelFigures> measure)
    {
        if (!_objectives.Any(o => o.IsStatic))
        {
            return [.. _objectives.Select(_ => (double?)null)];
        }

        var figures = measure();
        return [.. _objectives.Select(o => o.Source switch
        {
            MetricSource.ModelParams => figures.Parameters,
            MetricSource.ModelFlops => figures.Flops,
            _ => (double?)null,
        })];
    }

    // What the trial's model is, stored with the trial (model.params, model.flops).
    private sealed record ModelFigures(long Parameters, long Flops);

    private List<double>? Values(TrainingResult result, List<double?> statics, out string? failure)
    {
        var values = new List<double>();
        for (var i = 0; i < _objectives.Count; i++)
        {
            var objective = _objectives[i];
            var afterTraining = objective.Source == MetricSource.TestAccuracy;
            double? value = statics[i] ?? (afterTraining ? result.TestAccuracy : Best(objective, result.Epochs));
            if (value is not { } v || double.IsNaN(v))
            {
                failure = $"'{objective.Metric}' was not measured (is there a {(afterTraining ? "test split" : "validation split")}?)";
                return null;
            }

            values.Add(v);
        }

        failure = null;
        return values;
    }

    // A trial's value is its best epoch's, in the objective's direction: the epoch whose weights are kept.
    private static double? Best(Objective objective, IReadOnlyList<EpochMetrics> epochs)
    {
        var measured = epochs.Select(e => Metric(objective, e)).OfType<double>().Where(v => !double.IsNaN(v)).ToList();
        return measured.Count == 0 ? null : objective.Direction == StudyDirection.Maximize ? measured.Max() : measured.Min();
    }

    private static double? Metric(Objective objective, EpochMetrics metrics) => objective.Source switch
    {
        MetricSource.ValAccuracy => metrics.ValAccuracy,
        MetricSource.ValLoss => metrics.ValLoss,
        MetricSource.TrainLoss => metrics.TrainLoss,
        MetricSource.ValTop5 => metrics.ValTop5,
        MetricSource.ValAuc => metrics.ValAuc,
        MetricSource.ValMiou => metrics.ValMiou,
        MetricSource.ValPixelAccuracy => metrics.ValPixelAccuracy,
        _ => null,
    };

    private static Dictionary<string, object> LastMetrics(EpochMetrics last, double? testAccuracy)
    {
        var metrics = new Dictionary<string, object>(StringComparer.Ordinal) { ["epoch"] = last.Epoch, ["train_loss"] = last.TrainLoss };
        void Add(string name, double? value)
        {
            if (value is { } v && double.IsFinite(v))
            {
                metrics[name] = v;
            }
        }

        Add("val_loss", last.ValLoss);
        Add("val_accuracy", last.ValAccuracy);
        Add("val_top5", last.ValTop5);
        Add("val_auc", last.ValAuc);
        Add("val_miou", last.ValMiou);
        Add("val_pixel_accuracy", last.ValPixelAccuracy);
        Add("test_accuracy", testAccuracy);
        return metrics;
    }

    // What the store's fail_reason and the console say: one line, without LibTorch's native stack.
    private static string Describe(Exception error)
    {
        var message = NativeErrorText.Reduce(error.Message);
        return error switch
        {
            OutOfMemoryException => $"out of memory: {message}",
            _ when message.Contains("out of memory", StringComparison.OrdinalIgnoreCase) => $"out of memory: {message}",
            _ => $"{error.GetType().Name}: {message}",
        };
    }
}
