using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace HyperDsl.Runtime.Training;

/// <summary>The training loss (<c>loss</c> setting), and how a model's output becomes a predicted class.</summary>
public abstract record LossFunction
{
    private LossFunction()
    {
    }

    /// <summary>Cross-entropy on logits, optionally with label smoothing (<c>cross_entropy(label_smoothing:)</c>).</summary>
    public static LossFunction CrossEntropy(double labelSmoothing = 0)
    {
        if (labelSmoothing is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1).");
        }

        return new CrossEntropyLoss(labelSmoothing);
    }

    /// <summary>Negative log-likelihood on log-probabilities (end the model with <c>LogSoftmax</c>).</summary>
    public static LossFunction Nll { get; } = new NllLoss();

    /// <summary>Binary cross-entropy on one logit per example; labels are 0 or 1.</summary>
    public static LossFunction BinaryCrossEntropy { get; } = new BinaryCrossEntropyLoss();

    /// <summary>The mean loss of a batch: <paramref name="output"/> from the model, <paramref name="labels"/> int64 class indices.</summary>
    internal abstract Tensor Compute(Tensor output, Tensor labels);

    /// <summary>The predicted class of each example (int64).</summary>
    internal virtual Tensor Predict(Tensor output) => output.argmax(1);

    /// <summary>
    /// N x C scores for ranking metrics (top-5, AUC): log-probabilities, which rank as the
    /// probabilities do but do not round confident examples to a tie at 1.
    /// </summary>
    internal virtual Tensor Scores(Tensor output) => output.log_softmax(1);

    private sealed record CrossEntropyLoss(double LabelSmoothing) : LossFunction
    {
        internal override Tensor Compute(Tensor output, Tensor labels) => F.cross_entropy(output, labels, label_smoothing: LabelSmoothing);

        public override string ToString() => $"cross_entropy(label_smoothing: {LabelSmoothing})";
    }

    private sealed record NllLoss : LossFunction
    {
        internal override Tensor Compute(Tensor output, Tensor labels) => F.nll_loss(output, labels);

        public override string ToString() => "nll";
    }

    private sealed record BinaryCrossEntropyLoss : LossFunction
    {
        internal override Tensor Compute(Tensor output, Tensor labels)
        {
            using var logits = output.reshape(-1);
            using var targets = labels.to_type(output.dtype);
            return F.binary_cross_entropy_with_logits(logits, targets);
        }

        internal override Tensor Predict(Tensor output)
        {
            using var logits = output.reshape(-1);
            using var positive = logits.gt(0);
            return positive.to_type(ScalarType.Int64);
        }

        // The logit ranks examples as sigmoid(logit) does; the negative class scores its negation.
        internal override Tensor Scores(Tensor output)
        {
            using var logits = output.reshape(-1, 1);
            using var negated = logits.neg();
            return cat([negated, logits], 1);
        }

        public override string ToString() => "bce";
    }
}
