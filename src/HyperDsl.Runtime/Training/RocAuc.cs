using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// The area under the ROC curve from class scores: binary for two classes (the second class's
/// score against the label), otherwise one-vs-rest for each class and the unweighted mean
/// (macro average), as scikit-learn's <c>roc_auc_score(multi_class="ovr")</c>.
/// </summary>
internal static class RocAuc
{
    /// <summary>
    /// The AUC of <paramref name="scores"/> (N x C, higher means more likely; any per-class
    /// monotone transform gives the same value) for int64 <paramref name="labels"/> (N). Tied
    /// scores count half, as the Mann-Whitney statistic with mid-ranks. Classes that are absent
    /// from the labels, or are all of them, have no AUC and are left out of the mean; NaN if
    /// none is left.
    /// </summary>
    public static double Compute(Tensor scores, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var examples = scores.shape[0].ToScalar();
        var classes = scores.shape[1];
        var perClass = scores.t().to_type(ScalarType.Float64).contiguous();
        var positives = F.one_hot(labels, classes).t().to_type(ScalarType.Float64);
        if (classes == 2)
        {
            perClass = perClass.narrow(0, 1, 1);
            positives = positives.narrow(0, 1, 1);
        }

        // Each score's mid-rank (1-based) within its class's column: the values below it, plus
        // the middle of its run of ties. The positives' rank sum gives U = sum - n+ (n+ + 1) / 2,
        // the number of (positive, negative) pairs ordered correctly, ties counting half.
        var sorted = perClass.sort(1).Values;
        var below = searchsorted(sorted, perClass, right: false);
        var upTo = searchsorted(sorted, perClass, right: true);
        var midRanks = below.add(upTo, One).to_type(ScalarType.Float64).add_(One, One).div_(Integer(2));
        var positiveCount = positives.sum(1);
        var negativeCount = positiveCount.neg().add_(examples, One);
        var u = midRanks.mul_(positives).sum(1).sub_(positiveCount.mul(positiveCount.add(One, One)).div_(Integer(2)));
        var auc = u.div_(positiveCount.mul(negativeCount));
        var defined = positiveCount.gt(Zero).logical_and_(negativeCount.gt(Zero));
        return defined.any().item<bool>() ? auc.masked_select(defined).mean().item<double>() : double.NaN;
    }
}
