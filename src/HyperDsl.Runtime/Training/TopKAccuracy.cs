using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>How many examples have their label among the k highest-scoring classes.</summary>
internal static class TopKAccuracy
{
    /// <summary>
    /// The number of rows of <paramref name="scores"/> (N x C) in which fewer than
    /// <paramref name="k"/> classes score strictly higher than the label (a 0-dimensional int64
    /// tensor, so batches add up on the device). Counting rather than sorting makes ties count
    /// in the label's favour instead of depending on how <c>topk</c> happens to break them; with
    /// k or fewer classes every example counts.
    /// </summary>
    public static Tensor Correct(Tensor scores, Tensor labels, int k)
    {
        using var scope = NewDisposeScope();
        using var top = k.ToScalar();
        var labelScores = scores.gather(1, labels.view(-1, 1));
        var higher = scores.gt(labelScores).sum(1);
        return higher.lt(top).sum().MoveToOuterDisposeScope();
    }
}
