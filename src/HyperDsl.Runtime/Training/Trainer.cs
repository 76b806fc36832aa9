using System.Diagnostics;
using System.Globalization;
using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// Trains one model on one set of splits as <see cref="TrainingOptions"/> say, and reports
/// each epoch. Every training step runs inside its own dispose scope, so tensors do not
/// outlive their batch and memory does not grow across trials. A NaN or infinite loss ends
/// the run as <see cref="TrainingOutcome.Failed"/> with the epoch and step; it does not throw.
/// With the same seed on the CPU, runs repeat to the last digit.
/// </summary>
public sealed class Trainer
{
    private readonly TrainingOptions _options;

    /// <summary>Creates a trainer; it holds no native resources until <see cref="Fit(nn.Module{Tensor, Tensor}, DataSplits)"/>.</summary>
    public Trainer(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EvaluationBatchSize, 1, nameof(options));
        if (options.ClipGradientNorm is { } clip && !(clip > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), clip, "Gradient clipping needs a positive norm.");
        }

        if (options.Precision != TrainingPrecision.Fp32 && options.Checkpoint is not null)
        {
            // A checkpoint holds the model's weights, which under mixed precision are the rounded copies, not the fp32 masters.
            throw new ArgumentException($"precision {options.Precision.ToString().ToLowerInvariant()} does not write or resume checkpoints yet (checkpoint intervals, pausing, asha with promote); use precision fp32 for them.", nameof(options));
        }

        _options = options;
    }

    /// <summary>Seeds LibTorch with <see cref="TrainingOptions.Seed"/>, builds the model, trains it and disposes it.</summary>
    public TrainingResult Fit(Func<nn.Module<Tensor, Tensor>> buildModel, DataSplits data)
    {
        ArgumentNullException.ThrowIfNull(buildModel);
        TorchRuntime.Seed(_options.Seed);
        using var model = buildModel();
        return Fit(model, data);
    }

    /// <summary>Trains <paramref name="model"/> (moved to the device, left in training mode) on <paramref name="data"/>.</summary>
    /// <remarks>
    /// The seed governs shuffling, augmentation and dropout here, not the initial weights: those are
    /// whatever LibTorch's global generator held when the model was built, and LibTorch seeds that
    /// generator at random in each process. A run that must repeat (a trial) builds its model through
    /// <see cref="Fit(Func{nn.Module{Tensor, Tensor}}, DataSplits)"/>, as the generated <c>RunTrial</c> does;
    /// a test that built the U-Net first and trained it here differed on every run (issue 20).
    /// </remarks>
    public TrainingResult Fit(nn.Module<Tensor, Tensor> model, DataSplits data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        TorchRuntime.EnsureInitialized();
        var options = _options;
        var profiler = options.Profiler;
        var device = options.Device is { } choice ? TorchRuntime.ResolveDevice(choice, options.CudaIndex) : TorchRuntime.Device;
        CheckMetricsExist(data);

        var train = data.Train;
        var batchSize = Math.Min(options.BatchSize, train.Count);

        // A last batch of one image is dropped: batch norm cannot train on a single example.
        var stepsPerEpoch = (train.Count / batchSize) + (train.Count % batchSize >= 2 ? 1 : 0);

        model.to(device);
        if (device.type == DeviceType.CPU)
        {
            MemoryLayout.AvoidPaddedLayouts(model);
        }

        model.train();
        manual_seed(options.Seed);
        using var shuffling = new Generator((ulong)options.Seed, CPU);
        using var augmenting = new Generator(unchecked((ulong)options.Seed + 0x9E3779B97F4A7C15UL), CPU);
        using var normalizer = new BatchNormalizer(options.Normalization.Resolve(train), device);
        var evaluator = new Evaluator(options.Loss, normalizer, options.EvaluationTransform, EvaluationBatch.Size(options.EvaluationBatchSize, batchSize, device), device);
        var modelGroups = LearningRateScale.Groups(model, options.LearningRateScale);
        using var lowPrecision = LowPrecisionTraining.Start(options.Precision, model, modelGroups, device);
        var groups = lowPrecision?.Groups ?? modelGroups;
        using var optimizer = options.Optimizer.Create(groups);
        var rates = optimizer.Groups;
        var trainable = groups.SelectMany(g => g.Parameters).ToList();
        var schedule = options.Schedule.Start(options.Optimizer.LearningRate, stepsPerEpoch, (long)stepsPerEpoch * options.Epochs);
        using var watch = new ProgressWatch(options.EarlyStopping, options.BestWeightsPath, options.SaveBestWeightsWhen is not null, data.Validation is not null);

        var epochs = new List<EpochMetrics>();
        var checkpoint = options.Checkpoint;
        if (checkpoint?.ResumeFrom is { } resume)
        {
            // Everything is checked before anything changes; LibTorch's global generator goes last, as model building drew from it.
            resume.VerifyFits(checkpoint.Owner, options.Epochs, stepsPerEpoch, train.Count);
            var run = new TrainingRun(model, optimizer, shuffling, augmenting, watch);
            run.Restore(resume);
            epochs.AddRange(resume.Epochs);
            ReplaySchedule(schedule, resume.Epochs, stepsPerEpoch);
        }

        // A checkpoint written during an epoch resumes that epoch at its next step, with its image order and running sums.
        var partial = checkpoint?.ResumeFrom?.Partial;
        var sinceCheckpoint = Stopwatch.StartNew();
        for (var epoch = epochs.Count + 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            using var order = partial is null ? randperm(train.Count, generator: shuffling) : partial.Order.ToTensor();
            double lossSum = partial?.LossSum ?? 0;
            double rate = 0;
            long seen = partial?.Seen ?? 0;
            var firstStep = partial?.Steps ?? 0;
            partial = null;
            for (var step = firstStep; step < stepsPerEpoch; step++)
            {
                profiler?.Begin();
                rate = schedule.At(((long)(epoch - 1) * stepsPerEpoch) + step);
                for (var g = 0; g < rates.Count; g++)
                {
                    rates[g].LearningRate = rate * groups[g].Scale;
                }

                profiler?.Mark(StepPhase.Schedule);

                // Disposed explicitly rather than by `using`, so the profile bench can time the disposal as a phase of its own.
                var scope = NewDisposeScope();
                try
                {
                    profiler?.Mark(StepPhase.OpenScope);
                    var count = Math.Min(batchSize, train.Count - (step * batchSize));
                    var indices = order.narrow(0, (long)step * batchSize, count);
                    var images = train.Images.index_select(0, indices).to(device);
                    var labels = train.Labels.index_select(0, indices).to(device);
                    profiler?.Mark(StepPhase.Batch);
                    if (options.Augmentation is { } augmentation)
                    {
                        // Masks move with their images (the same draw); the checker allows only transforms that can.
                        (images, labels) = train.HasMasks
                            ? AugmentationPipeline.ApplyToMasks(augmentation, images, labels, train.IgnoreIndex, augmenting)
                            : (augmentation.Apply(images, augmenting), labels);
                    }

                    // Label mixing (mixup, cutmix) mixes one label per image; under segmentation cutmix pastes the
                    // partner's mask box with its image box (the checker allows no other), and the loss is per pixel.
                    MixedBatch? mixed = null;
                    if (options.Mixing is { } mixing)
                    {
                        if (train.HasMasks)
                        {
                            (images, labels) = AugmentationPipeline.MixMasks(mixing, images, labels, augmenting);
                        }
                        else
                        {
                            mixed = mixing.Mix(images, labels, augmenting);
                        }
                    }

                    images = mixed?.Images ?? images;
                    profiler?.Mark(StepPhase.Augment);

                    // The batch is a fresh copy (index_select, or the augmentation's output), so it can be normalised in place.
                    normalizer.ApplyInPlace(images);
                    profiler?.Mark(StepPhase.Normalize);
                    optimizer.ZeroGrad();
                    profiler?.Mark(StepPhase.ZeroGrad);
                    var output = model.call(MemoryLayout.ChannelsLast(lowPrecision?.Input(images) ?? images));
                    if (lowPrecision is not null)
                    {
                        // The loss (a softmax and a log) is computed in fp32, as autocast does.
                        output = output.to(ScalarType.Float32);
                    }

                    profiler?.Mark(StepPhase.Forward);
                    var loss = train.HasMasks
                        ? options.Loss.ComputePerPixel(output, labels, train.IgnoreIndex)
                        : mixed is null ? options.Loss.Compute(output, labels) : MixedLoss.Compute(options.Loss, output, mixed);
                    profiler?.Mark(StepPhase.Loss);
                    var value = loss.item<float>();
                    if (!float.IsFinite(value))
                    {
                        var failure = string.Create(CultureInfo.InvariantCulture, $"The training loss became {(float.IsNaN(value) ? "NaN" : "infinite")} at epoch {epoch}, step {step + 1} of {stepsPerEpoch} (learning rate {rate:G4}); the trial failed. A lower learning rate or gradient clipping (clip) usually helps.");
                        lowPrecision?.Restore();
                        return new TrainingResult(TrainingOutcome.Failed, epochs, null, failure);
                    }

                    profiler?.Mark(StepPhase.FiniteCheck);
                    (lowPrecision?.Scaled(loss) ?? loss).backward();
                    profiler?.Mark(StepPhase.Backward);

                    // A float16 step whose scaled gradients overflowed is skipped (its loss still counts).
                    if (lowPrecision?.TakeGradients() ?? true)
                    {
                        if (options.ClipGradientNorm is { } maxNorm)
                        {
                            nn.utils.clip_grad_norm_(trainable, maxNorm);
                        }

                        optimizer.Step();
                        lowPrecision?.PublishWeights();
                    }

                    profiler?.Mark(StepPhase.OptimizerStep);
                    lossSum += value;
                    seen += count;
                    if (checkpoint?.Interval is { } interval && sinceCheckpoint.Elapsed >= interval && step + 1 < stepsPerEpoch)
                    {
                        var cut = new PartialEpoch(step + 1, StoredTensor.From("order", order), lossSum, seen);
                        WriteCheckpoint(checkpoint, new TrainingRun(model, optimizer, shuffling, augmenting, watch), epochs, stepsPerEpoch, train.Count, cut);
                        sinceCheckpoint.Restart();
                    }

                    profiler?.Mark(StepPhase.Bookkeeping);
                }
                finally
                {
                    scope.Dispose();
                }

                profiler?.Mark(StepPhase.DisposeScope);
            }

            clock.Stop();
            var trainLoss = lossSum / stepsPerEpoch;
            EvaluationResult? validated = null;
            if (data.Validation is { } validation)
            {
                profiler?.Begin();
                validated = evaluator.Evaluate(model, validation, options.Metrics);
                profiler?.Mark(StepPhase.Evaluation);
            }

            var metrics = new EpochMetrics(epoch, trainLoss, validated?.Loss, data.Validation is { HasMasks: true } ? null : validated?.Accuracy, rate, clock.Elapsed.TotalSeconds, seen / clock.Elapsed.TotalSeconds, validated?.Top5, validated?.Auc, validated?.MeanIoU, validated?.PixelAccuracy);
            epochs.Add(metrics);
            schedule.EndEpoch(validated?.Loss ?? trainLoss);
            watch.Record(metrics, model);

            var decision = options.OnEpoch?.Invoke(metrics) ?? EpochDecision.Continue;
            if (decision == EpochDecision.Stop)
            {
                return Finish(TrainingOutcome.Stopped, epochs, model, data, evaluator, watch, lowPrecision);
            }

            if (decision == EpochDecision.Pause)
            {
                if (checkpoint is null)
                {
                    throw new InvalidOperationException("Pausing a run needs somewhere to write its checkpoint: set TrainingOptions.Checkpoint.");
                }

                WriteCheckpoint(checkpoint, new TrainingRun(model, optimizer, shuffling, augmenting, watch), epochs, stepsPerEpoch, train.Count);
                return new TrainingResult(TrainingOutcome.Paused, epochs, null, null);
            }

            if (watch.ShouldStopEarly)
            {
                return Finish(TrainingOutcome.StoppedEarly, epochs, model, data, evaluator, watch, lowPrecision);
            }

            if (checkpoint is { Every: > 0 } && epoch % checkpoint.Every == 0)
            {
                WriteCheckpoint(checkpoint, new TrainingRun(model, optimizer, shuffling, augmenting, watch), epochs, stepsPerEpoch, train.Count);
                sinceCheckpoint.Restart();
            }
        }

        return Finish(TrainingOutcome.Completed, epochs, model, data, evaluator, watch, lowPrecision);
    }

    private void WriteCheckpoint(CheckpointOptions checkpoint, TrainingRun run, List<EpochMetrics> epochs, int stepsPerEpoch, int trainCount, PartialEpoch? partial = null)
    {
        var header = new CheckpointHeader(checkpoint.Owner, epochs.Count, _options.Epochs, stepsPerEpoch, trainCount, _options.Seed);
        CheckpointFile.Write(checkpoint.Path, run.Capture(header, epochs, partial));
        checkpoint.Written?.Invoke(new CheckpointPosition(epochs.Count, partial?.Steps ?? 0));
    }

    // A schedule's rate is a function of the step, except plateau's, which follows the metric it is given after each
    // epoch: feeding it the same metrics after the same steps brings any schedule to where the checkpointed run's was.
    private static void ReplaySchedule(IScheduleRun schedule, IReadOnlyList<EpochMetrics> epochs, int stepsPerEpoch)
    {
        foreach (var epoch in epochs)
        {
            schedule.At(((long)epoch.Epoch * stepsPerEpoch) - 1);
            schedule.EndEpoch(epoch.ValLoss ?? epoch.TrainLoss);
        }
    }

    private TrainingResult Finish(TrainingOutcome outcome, List<EpochMetrics> epochs, nn.Module<Tensor, Tensor> model, DataSplits data, Evaluator evaluator, ProgressWatch watch, LowPrecisionTraining? lowPrecision)
    {
        // The model leaves in fp32 with the master weights, so the test split and saved weights see what was learned, unrounded.
        lowPrecision?.Restore();
        double? testAccuracy = null;
        if (data.Test is { } test && !test.HasMasks)
        {
            _options.Profiler?.Begin();
            testAccuracy = evaluator.Evaluate(model, test).Accuracy;
            _options.Profiler?.Mark(StepPhase.Evaluation);
        }

        var result = new TrainingResult(outcome, epochs, testAccuracy, null);
        if (_options.SaveBestWeightsWhen?.Invoke(result) is { } path)
        {
            watch.SaveBest(model, path);
        }

        return result;
    }

    private void CheckMetricsExist(DataSplits data)
    {
        if (_options.EarlyStopping is { Metric: not Metric.TrainLoss } stopping && data.Validation is null)
        {
            throw new InvalidOperationException($"Early stopping watches {stopping.Metric}, which needs a validation split; add one (validation 10%) or watch the training loss.");
        }

        var needed = _options.EarlyStopping?.Metric switch
        {
            Metric.ValTop5 => ExtraMetrics.Top5,
            Metric.ValAuc => ExtraMetrics.Auc,
            _ => ExtraMetrics.None,
        };
        if (!_options.Metrics.HasFlag(needed))
        {
            throw new InvalidOperationException($"Early stopping watches {_options.EarlyStopping!.Metric}, which is only computed when asked for; add ExtraMetrics.{needed} to the metrics (metrics {needed.ToString().ToLowerInvariant()}).");
        }
    }
}
