namespace HyperDsl.Runtime.Training;

/// <summary>
/// The parts of one training step, in the order <see cref="Trainer"/> runs them, as the profile bench
/// (<c>bench/HyperDsl.Bench.Training --profile 1</c>) reports them beside a hand-written loop and PyTorch.
/// </summary>
internal enum StepPhase
{
    /// <summary>The schedule's rate for the step, written into every optimizer group.</summary>
    Schedule,

    /// <summary>Opening the step's dispose scope.</summary>
    OpenScope,

    /// <summary>The batch: the shuffled indices' slice, <c>index_select</c> of images and labels, the move to the device.</summary>
    Batch,

    /// <summary>Augmentation and label mixing (nothing when the spec has none).</summary>
    Augment,

    /// <summary>Normalisation of the batch.</summary>
    Normalize,

    /// <summary>Zeroing the gradients.</summary>
    ZeroGrad,

    /// <summary>The forward pass (with the channels-last copy of a multi-channel batch).</summary>
    Forward,

    /// <summary>The loss.</summary>
    Loss,

    /// <summary>Reading the loss back (<c>item</c>) and checking that it is finite.</summary>
    FiniteCheck,

    /// <summary>The backward pass.</summary>
    Backward,

    /// <summary>Gradient clipping (when asked) and the optimizer step.</summary>
    OptimizerStep,

    /// <summary>The running sums and the check for a checkpoint due.</summary>
    Bookkeeping,

    /// <summary>Disposing the step's dispose scope (every tensor the step made).</summary>
    DisposeScope,

    /// <summary>Evaluating a split (validation after each epoch, the test split at the end); not part of a step.</summary>
    Evaluation,
}
