using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class LossFunctionTests
{
    // The reference values below were computed offline with PyTorch 1.13 in float64 on these logits and labels.
    private static readonly double[,] Logits = { { 2.0, -1.0, 0.5 }, { 0.1, 0.2, 0.3 }, { -1.5, 3.0, 0.0 }, { 1.0, 1.0, -2.0 } };
    private static readonly long[] Labels = [0, 2, 1, 2];

    private static double Loss(LossFunction loss)
    {
        using var output = tensor(Logits, ScalarType.Float64);
        using var labels = tensor(Labels);
        using var value = loss.Compute(output, labels);
        return value.item<double>();
    }

    [Fact]
    public void Cross_entropy_with_class_weights_is_pytorch_s_weighted_mean()
    {
        // nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 0.5]))(logits, labels)
        Assert.Equal(0.6798446176626842, Loss(LossFunction.CrossEntropy(classWeights: [1.0, 2.0, 0.5])), 12);
    }

    [Fact]
    public void Cross_entropy_with_class_weights_and_label_smoothing_matches_pytorch()
    {
        // nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 0.5]), label_smoothing=0.1)(logits, labels)
        Assert.Equal(0.7928631880288382, Loss(LossFunction.CrossEntropy(0.1, [1.0, 2.0, 0.5])), 12);
    }

    [Fact]
    public void Cross_entropy_weights_must_match_the_output_classes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loss(LossFunction.CrossEntropy(classWeights: [1.0, 2.0])));

        Assert.Contains("2 class weights", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => LossFunction.CrossEntropy(classWeights: [1.0, -1.0]));
        Assert.Throws<ArgumentException>(() => LossFunction.CrossEntropy(classWeights: []));
    }

    [Fact]
    public void Focal_loss_down_weights_confident_examples_as_its_definition_says()
    {
        // lp = log_softmax(logits, 1)[i, label]; (-(1 - lp.exp()) ** 2 * lp).mean()
        Assert.Equal(0.9879687513196367, Loss(LossFunction.Focal(gamma: 2)), 12);
    }

    [Fact]
    public void Focal_loss_scales_each_example_by_its_class_s_alpha()
    {
        // As above, each term times alpha[label] with alpha = [0.25, 0.5, 1.0], then the plain mean.
        Assert.Equal(0.9858645144109345, Loss(LossFunction.Focal(gamma: 2, alpha: [0.25, 0.5, 1.0])), 12);
    }

    [Fact]
    public void Focal_loss_with_gamma_zero_is_cross_entropy()
    {
        // F.cross_entropy(logits, labels)
        Assert.Equal(1.2550259897064766, Loss(LossFunction.Focal(gamma: 0)), 12);
        Assert.Equal(Loss(LossFunction.CrossEntropy()), Loss(LossFunction.Focal(gamma: 0)), 12);
    }

    [Fact]
    public void Focal_loss_has_a_gradient_and_a_readable_name()
    {
        using var output = tensor(Logits, ScalarType.Float64).requires_grad_();
        using var labels = tensor(Labels);
        using var value = LossFunction.Focal(gamma: 2, alpha: [0.25, 0.5, 1.0]).Compute(output, labels);
        value.backward();

        Assert.NotNull(output.grad);
        Assert.True(output.grad!.abs().sum().item<double>() > 0);
        Assert.Equal("focal(gamma: 2, alpha: [0.25, 0.5, 1])", LossFunction.Focal(2, [0.25, 0.5, 1.0]).ToString());
        Assert.Equal("cross_entropy(label_smoothing: 0.1, weights: [1, 2])", LossFunction.CrossEntropy(0.1, [1.0, 2.0]).ToString());
        Assert.Equal(LossFunction.Focal(2, [1.0, 2.0]), LossFunction.Focal(2, [1.0, 2.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LossFunction.Focal(gamma: -1));
    }
}
