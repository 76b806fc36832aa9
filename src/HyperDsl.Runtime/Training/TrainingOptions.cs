using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Training.Checkpoints;

namespace HyperDsl.Runtime.Training;

/// <summary>Everything the <c>train</c> and <c>data</c> sections say about one training run. Immutable; set with <c>with</c>.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training split.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Training images per optimizer step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Images per forward pass when evaluating (no gradients, so larger is fine on a GPU); on the CPU no more than
    /// <see cref="BatchSize"/>, as larger tensors cost more there (<c>EvaluationBatch</c>).
    /// </summary>
    public int EvaluationBatchSize { get; init; } = 1000;

    /// <summary>The optimizer.</summary>
    public OptimizerSpec Optimizer { get; init; } = OptimizerSpec.Adam();

    /// <summary>The learning-rate schedule.</summary>
    public Schedule Schedule { get; init; } = Schedule.Constant;

    /// <summary>Per-group learning rates, if any.</summary>
    public LearningRateScale? LearningRateScale { get; init; }

    /// <summary>The loss.</summary>
    public LossFunction Loss { get; init; } = LossFunction.CrossEntropy();

    /// <summary>Normalisation, resolved on the training split and applied to every batch of every split.</summary>
    public Normalization Normalization { get; init; } = Normalization.None;

    /// <summary>Augmentation of training batches (never validation or test).</summary>
    public IBatchAugmentation? Augmentation { get; init; }

    /// <summary>
    /// Mixing of training batches and their labels (mixup, cutmix), after <see cref="Augmentation"/>; the training
    /// loss is then the mix of the losses on the two labels each image carries.
    /// </summary>
    public IBatchMixing? Mixing { get; init; }

    /// <summary>
    /// Deterministic transforms of validation and test batches (<c>evaluate { }</c>: resize,
    /// center_crop), applied before normalisation; training batches never see them.
    /// </summary>
    public IBatchTransform? EvaluationTransform { get; init; }

    /// <summary>Validation metrics beyond loss and accuracy (<c>metrics top5, auc</c>); none by default.</summary>
    public ExtraMetrics Metrics { get; init; }

    /// <summary>Clip the gradients' total L2 norm to this before each step (<c>clip</c>).</summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>
    /// The number format of the training steps (<c>precision</c>): fp32, or bf16 / fp16 forward and backward passes
    /// against fp32 master weights (<see cref="LowPrecisionTraining"/>); fp16 needs CUDA. Evaluation runs in the same
    /// format during training; the model leaves the trainer in fp32.
    /// </summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Fp32;

    /// <summary>Early stopping, if any.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Seeds shuffling, augmentation and dropout (and, through <see cref="Trainer.Fit(Func{TorchSharp.torch.nn.Module{TorchSharp.torch.Tensor, TorchSharp.torch.Tensor}}, DataSplits)"/>, the initial weights).</summary>
    public long Seed { get; init; }

    /// <summary>The device; <see langword="null"/> uses <see cref="TorchRuntime.Device"/>.</summary>
    public DeviceChoice? Device { get; init; }

    /// <summary>Which CUDA device, when <see cref="Device"/> is <see cref="DeviceChoice.Cuda"/> (null: device 0).</summary>
    public int? CudaIndex { get; init; }

    /// <summary>Called after every epoch with its metrics; returning <see cref="EpochDecision.Stop"/> ends training cleanly.</summary>
    public Func<EpochMetrics, EpochDecision>? OnEpoch { get; init; }

    /// <summary>Where to save the weights of the best epoch (by validation accuracy, else training loss), each time it improves; none if null.</summary>
    public string? BestWeightsPath { get; init; }

    /// <summary>
    /// Decides once training has ended, from its result, where the weights of the best epoch (as
    /// for <see cref="BestWeightsPath"/>) are saved, or null for nowhere. Until then they are kept
    /// in memory, so a run whose weights nobody wants (a study's trial that is not its best) never
    /// writes them. The model is left holding the best epoch's weights when they are saved.
    /// </summary>
    public Func<TrainingResult, string?>? SaveBestWeightsWhen { get; init; }

    /// <summary>
    /// Checkpoints: where and how often the run writes its whole state, and the checkpoint it continues
    /// from; none if null. Needed for <see cref="EpochDecision.Pause"/>.
    /// </summary>
    public CheckpointOptions? Checkpoint { get; init; }

    /// <summary>Told where each phase of every step ends (the profile bench); none in normal use.</summary>
    internal IStepProfiler? Profiler { get; init; }
}
