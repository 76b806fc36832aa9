using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// Per-pixel counts of (true class, predicted class) over a whole segmentation split, kept on the
/// device as a C x C int64 tensor (row: the mask's class, column: the prediction), from which the
/// mean IoU and the pixel accuracy follow. Pixels holding the ignore index are not counted.
/// </summary>
internal sealed class ConfusionMatrix(long classes, long ignoreIndex, Device device) : IDisposable
{
    private readonly Tensor _counts = zeros([classes * classes], ScalarType.Int64, device);

    /// <summary>Counts the pixels of one batch: <paramref name="predicted"/> and <paramref name="masks"/> N x H x W int64.</summary>
    public void Add(Tensor predicted, Tensor masks)
    {
        using var scope = NewDisposeScope();
        using var ignore = ignoreIndex.ToScalar();
        using var classCount = classes.ToScalar();
        var valid = masks.ne(ignore);
        var cells = masks.masked_select(valid).mul(classCount).add(predicted.masked_select(valid), One);
        _counts.add_(cells.bincount(null, classes * classes), One);
    }

    /// <summary>The counts as a C x C array, [true class, predicted class].</summary>
    public long[,] Counts()
    {
        var flat = _counts.cpu().data<long>().ToArray();
        var counts = new long[classes, classes];
        for (var i = 0; i < flat.Length; i++)
        {
            counts[i / classes, i % classes] = flat[i];
        }

        return counts;
    }

    /// <summary>
    /// The mean over classes of IoU = TP / (TP + FP + FN), over the classes present in the masks or the
    /// predictions (a class in neither has no IoU, and is left out rather than counted as 0 or 1); null when
    /// no pixel was counted.
    /// </summary>
    public static double? MeanIoU(long[,] counts)
    {
        var classes = counts.GetLength(0);
        double sum = 0;
        var present = 0;
        for (var c = 0; c < classes; c++)
        {
            long truePositive = counts[c, c], inMask = 0, predicted = 0;
            for (var k = 0; k < classes; k++)
            {
                inMask += counts[c, k];
                predicted += counts[k, c];
            }

            var union = inMask + predicted - truePositive;
            if (union > 0)
            {
                sum += (double)truePositive / union;
                present++;
            }
        }

        return present == 0 ? null : sum / present;
    }

    /// <summary>The share of counted pixels whose predicted class is the mask's; null when no pixel was counted.</summary>
    public static double? PixelAccuracy(long[,] counts)
    {
        long correct = 0, total = 0;
        for (var i = 0; i < counts.GetLength(0); i++)
        {
            for (var j = 0; j < counts.GetLength(1); j++)
            {
                total += counts[i, j];
                correct += i == j ? counts[i, j] : 0;
            }
        }

        return total == 0 ? null : (double)correct / total;
    }

    public void Dispose() => _counts.Dispose();
}
