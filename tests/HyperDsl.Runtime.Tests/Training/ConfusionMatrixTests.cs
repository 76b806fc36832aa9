using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Mean_iou_averages_each_class_s_intersection_over_union()
    {
        // Class 0: 3 right, 1 taken for class 1: IoU 3 / 4. Class 1: 2 right, 1 more predicted: IoU 2 / 3.
        long[,] counts = { { 3, 1 }, { 0, 2 } };

        Assert.Equal((0.75 + (2.0 / 3)) / 2, ConfusionMatrix.MeanIoU(counts)!.Value, 12);
        Assert.Equal(5.0 / 6, ConfusionMatrix.PixelAccuracy(counts)!.Value, 12);
    }

    [Fact]
    public void A_class_in_neither_the_masks_nor_the_predictions_is_left_out_of_the_mean()
    {
        long[,] counts = { { 3, 1, 0 }, { 0, 2, 0 }, { 0, 0, 0 } };

        Assert.Equal((0.75 + (2.0 / 3)) / 2, ConfusionMatrix.MeanIoU(counts)!.Value, 12);
    }

    [Fact]
    public void A_class_only_predicted_counts_with_iou_zero()
    {
        long[,] counts = { { 2, 2 }, { 0, 0 } };

        Assert.Equal((0.5 + 0) / 2, ConfusionMatrix.MeanIoU(counts)!.Value, 12);
    }

    [Fact]
    public void No_counted_pixel_has_no_metric()
    {
        Assert.Null(ConfusionMatrix.MeanIoU(new long[2, 2]));
        Assert.Null(ConfusionMatrix.PixelAccuracy(new long[2, 2]));
    }

    [Fact]
    public void Pixels_are_counted_by_true_and_predicted_class_and_ignored_pixels_not_at_all()
    {
        TorchRuntime.EnsureInitialized();
        using var matrix = new ConfusionMatrix(2, 255, CPU);
        using var predicted = tensor(new long[] { 0, 1, 1, 0, 1, 0 }, [1, 2, 3]);
        using var masks = tensor(new long[] { 0, 1, 0, 255, 1, 0 }, [1, 2, 3]);

        matrix.Add(predicted, masks);

        Assert.Equal(new long[,] { { 2, 1 }, { 0, 2 } }, matrix.Counts());
    }
}
