using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

/// <summary>Per-pixel losses on hand examples: one image of 1 x 2 pixels, 2 classes, equal logits (p = 0.5 everywhere).</summary>
public sealed class SegmentationLossTests
{
    private static double Loss(LossFunction loss, long[] mask, double[]? logits = null)
    {
        using var scope = NewDisposeScope();
        var output = logits is null ? zeros([1, 2, 1, 2], ScalarType.Float64) : tensor(logits, [1, 2, 1, 2], ScalarType.Float64);
        var masks = tensor(mask, [1, 1, 2]);
        return loss.ComputePerPixel(output, masks, 255).item<double>();
    }

    [Fact]
    public void Cross_entropy_per_pixel_counts_only_pixels_that_are_not_ignored()
    {
        Assert.Equal(Math.Log(2), Loss(LossFunction.CrossEntropy(), [0, 1]), 12);
        Assert.Equal(Math.Log(2), Loss(LossFunction.CrossEntropy(), [0, 255]), 12);

        // Pixel 1 would cost -log softmax([0, 5])[0] = log(1 + e^5), but it is ignored.
        Assert.Equal(Math.Log(2), Loss(LossFunction.CrossEntropy(), [0, 255], [0, 0, 0, 5]), 12);
    }

    [Fact]
    public void Dice_is_one_minus_the_mean_class_dice_over_the_batch()
    {
        // Each class: overlap 0.5, predicted 1, true 1: (2 * 0.5 + s) / (1 + 1 + s).
        Assert.Equal(1 - (2.0 / 3), Loss(LossFunction.Dice(smooth: 1), [0, 1]), 12);
        Assert.Equal(0.5, Loss(LossFunction.Dice(smooth: 0), [0, 1]), 12);

        // Only pixel 0 counts: class 0 scores 1 / 1.5, class 1 (predicted 0.5, absent) scores 0.
        Assert.Equal(1 - (1 / 3.0), Loss(LossFunction.Dice(smooth: 0), [0, 255]), 12);
    }

    [Fact]
    public void A_perfect_prediction_has_a_dice_loss_near_zero()
    {
        Assert.Equal(0, Loss(LossFunction.Dice(), [0, 1], [30, -30, -30, 30]), 9);
    }

    [Fact]
    public void Focal_per_pixel_with_gamma_zero_is_cross_entropy_and_ignores_the_ignore_index()
    {
        double[] logits = [1, 0, -2, 3];
        Assert.Equal(Loss(LossFunction.CrossEntropy(), [0, 1], logits), Loss(LossFunction.Focal(gamma: 0), [0, 1], logits), 12);
        Assert.Equal(Loss(LossFunction.CrossEntropy(), [0, 255], logits), Loss(LossFunction.Focal(gamma: 0), [0, 255], logits), 12);
    }

    [Fact]
    public void A_sum_weighs_its_losses()
    {
        Assert.Equal(Math.Log(2) + (0.5 * (1 - (2.0 / 3))), Loss(LossFunction.Sum(crossEntropy: 1, dice: 0.5), [0, 1]), 12);
    }

    [Fact]
    public void A_sum_needs_a_weight_above_zero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LossFunction.Sum());
    }

    [Fact]
    public void Class_weights_apply_to_per_pixel_cross_entropy()
    {
        // Weighted mean: (1 * log 2 + 3 * log 2) / (1 + 3) = log 2, and with the second pixel's class weighted 0 only pixel 0 counts.
        Assert.Equal(Math.Log(2), Loss(LossFunction.CrossEntropy(classWeights: [1, 3]), [0, 1]), 12);
        Assert.Equal(Loss(LossFunction.CrossEntropy(), [0, 255], [1, 0, -2, 3]), Loss(LossFunction.CrossEntropy(classWeights: [1, 0]), [0, 1], [1, 0, -2, 3]), 12);
    }
}
