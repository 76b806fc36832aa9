using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using System.Globalization;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace HyperDsl.Runtime.Training;

/// <summary>The training loss (<c>loss</c> setting), and how a model's output becomes a predicted class.</summary>
public abstract record LossFunction
{
    private LossFunction()
    {
    }

    /// <summary>
    /// Cross-entropy on logits (<c>cross_entropy(label_smoothing:, weights:)</c>), as PyTorch's
    /// <c>nn.CrossEntropyLoss(weight=classWeights, label_smoothing=labelSmoothing)</c>: with
    /// <paramref name="classWeights"/>, each example's loss is scaled by its class's weight and the batch
    /// loss is their sum divided by the sum of the weights of the batch's labels (a weighted mean).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Label smoothing is not in [0, 1), or a class weight is negative or not finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="classWeights"/> is empty.</exception>
    public static LossFunction CrossEntropy(double labelSmoothing = 0, IReadOnlyList<double>? classWeights = null)
    {
        if (labelSmoothing is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1).");
        }

        return new CrossEntropyLoss(labelSmoothing, classWeights is null ? null : new ClassWeights(classWeights, nameof(classWeights)));
    }

    /// <summary>
    /// Multi-class focal loss on logits (<c>focal(gamma:, alpha:)</c>; Lin et al. 2017, with a softmax over
    /// the classes where torchvision's <c>sigmoid_focal_loss</c> is binary): with p_t the softmax probability
    /// of the true class, each example's loss is FL = -alpha_t (1 - p_t)^<paramref name="gamma"/> log p_t, and
    /// the batch loss is their plain mean over the batch. alpha_t is <paramref name="alpha"/>[label] (one weight
    /// per class), or 1 without <paramref name="alpha"/>. Gamma 0 without alpha is cross-entropy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is negative or not finite, or a weight is negative or not finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="alpha"/> is empty.</exception>
    public static LossFunction Focal(double gamma = 2.0, IReadOnlyList<double>? alpha = null)
    {
        if (!(gamma >= 0) || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The focal loss's gamma must be a number from 0 up.");
        }

        return new FocalLoss(gamma, alpha is null ? null : new ClassWeights(alpha, nameof(alpha)));
    }

    /// <summary>
    /// Soft Dice loss for segmentation (<c>dice(smooth:)</c>): with p the softmax probabilities and t the
    /// one-hot masks over the pixels that are not ignored, each class's Dice coefficient over the whole
    /// batch is (2 sum(p t) + smooth) / (sum(p) + sum(t) + smooth); the loss is 1 minus their mean over
    /// the classes (a class absent from both scores 1 by the smoothing, so it adds nothing to the loss).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="smooth"/> is negative or not finite.</exception>
    public static LossFunction Dice(double smooth = 1.0)
    {
        if (!(smooth >= 0) || !double.IsFinite(smooth))
        {
            throw new ArgumentOutOfRangeException(nameof(smooth), smooth, "The Dice loss's smoothing must be a number from 0 up.");
        }

        return new DiceLoss(smooth);
    }

    /// <summary>
    /// A weighted sum of per-pixel losses (<c>sum(cross_entropy: 1.0, dice: 0.5, focal: 0)</c>), each at
    /// its defaults; a weight of 0 leaves its loss out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite, or every weight is 0.</exception>
    public static LossFunction Sum(double crossEntropy = 0, double dice = 0, double focal = 0)
    {
        (double Weight, LossFunction Loss)[] terms = [(crossEntropy, CrossEntropy()), (dice, Dice()), (focal, Focal())];
        if (terms.Any(t => !(t.Weight >= 0) || !double.IsFinite(t.Weight)) || terms.All(t => t.Weight == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(crossEntropy), "A sum of losses needs finite weights from 0 up, at least one above 0.");
        }

        return new SumLoss([.. terms.Where(t => t.Weight > 0)]);
    }

    /// <summary>Negative log-likelihood on log-probabilities (end the model with <c>LogSoftmax</c>).</summary>
    public static LossFunction Nll { get; } = new NllLoss();

    /// <summary>Binary cross-entropy on one logit per example; labels are 0 or 1.</summary>
    public static LossFunction BinaryCrossEntropy { get; } = new BinaryCrossEntropyLoss();

    /// <summary>The mean loss of a batch: <paramref name="output"/> from the model, <paramref name="labels"/> int64 class indices.</summary>
    internal abstract Tensor Compute(Tensor output, Tensor labels);

    /// <summary>
    /// The loss of a segmentation batch: <paramref name="output"/> N x C x H x W logits, <paramref name="masks"/>
    /// N x H x W int64 classes; pixels holding <paramref name="ignoreIndex"/> count for nothing. The checker
    /// allows only per-pixel losses under <c>task segmentation</c>; the others throw.
    /// </summary>
    internal virtual Tensor ComputePerPixel(Tensor output, Tensor masks, long ignoreIndex) =>
        throw new InvalidOperationException($"The loss {this} has no per-pixel form; a segmentation study needs cross_entropy, focal, dice or sum.");

    /// <summary>The predicted class of each example (int64).</summary>
    internal virtual Tensor Predict(Tensor output) => output.argmax(1);

    /// <summary>
    /// N x C scores for ranking metrics (top-5, AUC): log-probabilities, which rank as the
    /// probabilities do but do not round confident examples to a tie at 1.
    /// </summary>
    internal virtual Tensor Scores(Tensor output) => output.log_softmax(1);

    private sealed record CrossEntropyLoss(double LabelSmoothing, ClassWeights? Weights) : LossFunction
    {
        internal override Tensor Compute(Tensor output, Tensor labels)
        {
            if (Weights is null)
            {
                return F.cross_entropy(output, labels, label_smoothing: LabelSmoothing);
            }

            using var weight = Weights.For(output);
            return F.cross_entropy(output, labels, weight, label_smoothing: LabelSmoothing);
        }

        // PyTorch's cross_entropy takes N x C x H x W logits and N x H x W targets as they are: the
        // (weighted) mean over the pixels that are not ignored.
        internal override Tensor ComputePerPixel(Tensor output, Tensor masks, long ignoreIndex)
        {
            using var weight = Weights?.For(output);
            return F.cross_entropy(output, masks, weight, ignore_index: ignoreIndex, label_smoothing: LabelSmoothing);
        }

        public override string ToString() => Weights is null
            ? $"cross_entropy(label_smoothing: {LabelSmoothing})"
            : $"cross_entropy(label_smoothing: {LabelSmoothing}, weights: {Weights})";
    }

    private sealed record FocalLoss(double Gamma, ClassWeights? Alpha) : LossFunction
    {
        internal override Tensor Compute(Tensor output, Tensor labels)
        {
            using var scope = NewDisposeScope();
            using var gamma = Gamma.ToScalar();
            var logProbabilities = output.log_softmax(1);
            var logTrue = logProbabilities.gather(1, labels.unsqueeze(1)).squeeze(1);
            var focus = logTrue.exp().neg().add(One, One).pow(gamma);
            var losses = focus.mul(logTrue).neg();
            if (Alpha is not null)
            {
                losses = losses.mul(Alpha.For(output).index_select(0, labels));
            }

            return losses.mean().MoveToOuterDisposeScope();
        }

        // Per pixel: the same loss at every pixel that is not ignored, averaged over those pixels.
        internal override Tensor ComputePerPixel(Tensor output, Tensor masks, long ignoreIndex)
        {
            using var scope = NewDisposeScope();
            using var gamma = Gamma.ToScalar();
            using var ignore = ignoreIndex.ToScalar();
            var valid = masks.ne(ignore);
            var classes = masks.where(valid, 0L);
            var logTrue = output.log_softmax(1).gather(1, classes.unsqueeze(1)).squeeze(1);
            var losses = logTrue.exp().neg().add(One, One).pow(gamma).mul(logTrue).neg();
            if (Alpha is not null)
            {
                losses = losses.mul(Alpha.For(output).index_select(0, classes.flatten()).view_as(classes));
            }

            var kept = valid.to_type(losses.dtype);
            return losses.mul(kept).sum().div(kept.sum().clamp_min(One)).MoveToOuterDisposeScope();
        }

        public override string ToString() => Alpha is null
            ? $"focal(gamma: {Gamma.ToString(CultureInfo.InvariantCulture)})"
            : $"focal(gamma: {Gamma.ToString(CultureInfo.InvariantCulture)}, alpha: {Alpha})";
    }

    /// <summary>One non-negative weight per class, checked against the model's output when used.</summary>
    private sealed record ClassWeights
    {
        private readonly double[] _values;

        public ClassWeights(IReadOnlyList<double> values, string parameterName)
        {
            if (values.Count == 0)
            {
                throw new ArgumentException("Give one weight per class.", parameterName);
            }

            foreach (var value in values)
            {
                if (!(value >= 0) || !double.IsFinite(value))
                {
                    throw new ArgumentOutOfRangeException(parameterName, value, "Class weights must be finite numbers from 0 up.");
                }
            }

            _values = [.. values];
        }

        /// <summary>The weights as a 1-D tensor of the output's type on its device.</summary>
        /// <exception cref="InvalidOperationException">The output does not have one column per weight.</exception>
        public Tensor For(Tensor output)
        {
            // N x C scores, or N x C x H x W per-pixel ones: the classes are the second axis.
            var classes = output.dim() >= 2 ? output.shape[1] : 0;
            if (classes != _values.Length)
            {
                throw new InvalidOperationException($"The loss has {_values.Length} class weights but the model's output has shape [{string.Join(", ", output.shape)}]; give one weight per output class.");
            }

            return tensor(_values, dtype: output.dtype, device: output.device);
        }

        public bool Equals(ClassWeights? other) => other is not null && _values.SequenceEqual(other._values);

        public override int GetHashCode() => _values.Aggregate(0, (hash, v) => HashCode.Combine(hash, v));

        public override string ToString() => "[" + string.Join(", ", _values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
    }

    private sealed record DiceLoss(double Smooth) : LossFunction
    {
        internal override Tensor Compute(Tensor output, Tensor labels) =>
            throw new InvalidOperationException("The Dice loss is a segmentation loss; it needs masks.");

        internal override Tensor ComputePerPixel(Tensor output, Tensor masks, long ignoreIndex)
        {
            using var scope = NewDisposeScope();
            using var smooth = Smooth.ToScalar();
            using var ignore = ignoreIndex.ToScalar();
            var valid = masks.ne(ignore).unsqueeze(1).to_type(output.dtype);
            var probabilities = output.softmax(1).mul(valid);
            var truth = F.one_hot(masks.where(masks.ne(ignore), 0L), output.shape[1]).permute(0, 3, 1, 2).to_type(output.dtype).mul(valid);
            long[] axes = [0, 2, 3];
            var overlap = probabilities.mul(truth).sum(axes);
            var total = probabilities.sum(axes).add(truth.sum(axes), One);
            var dice = overlap.mul(Integer(2)).add(smooth, One).div(total.add(smooth, One).clamp_min(Real(1e-12)));
            return dice.mean().neg().add(One, One).MoveToOuterDisposeScope();
        }

        public override string ToString() => $"dice(smooth: {Smooth.ToString(CultureInfo.InvariantCulture)})";
    }

    private sealed record SumLoss((double Weight, LossFunction Loss)[] Terms) : LossFunction
    {
        internal override Tensor Compute(Tensor output, Tensor labels) =>
            throw new InvalidOperationException("A sum of losses is a segmentation loss; it needs masks.");

        internal override Tensor ComputePerPixel(Tensor output, Tensor masks, long ignoreIndex)
        {
            using var scope = NewDisposeScope();
            using var firstWeight = Terms[0].Weight.ToScalar();
            var total = Terms[0].Loss.ComputePerPixel(output, masks, ignoreIndex).mul(firstWeight);
            foreach (var (weight, loss) in Terms.Skip(1))
            {
                using var factor = weight.ToScalar();
                total = total.add(loss.ComputePerPixel(output, masks, ignoreIndex).mul(factor), One);
            }

            return total.MoveToOuterDisposeScope();
        }

        public bool Equals(SumLoss? other) => other is not null && Terms.SequenceEqual(other.Terms);

        public override int GetHashCode() => Terms.Aggregate(0, (hash, t) => HashCode.Combine(hash, t));

        public override string ToString() => "sum(" + string.Join(", ", Terms.Select(t => $"{t.Loss}: {t.Weight.ToString(CultureInfo.InvariantCulture)}")) + ")";
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
            using var positive = logits.gt(Zero);
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
