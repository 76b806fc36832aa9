using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class MixedLossTests
{
    public MixedLossTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void The_mixed_cross_entropy_is_the_cross_entropy_on_the_mixed_soft_targets()
    {
        using var generator = new Generator(4, CPU);
        using var output = randn([6, 5], generator: generator);
        using var labels = tensor(new long[] { 0, 1, 2, 3, 4, 0 });
        using var partners = labels.roll(1, 0);
        using var images = zeros(6, 1, 1, 1);
        var batch = new MixedBatch(images, labels, partners, 0.3);

        using var mixed = MixedLoss.Compute(LossFunction.CrossEntropy(), output, batch);
        using var targets = nn.functional.one_hot(labels, 5).mul(0.7).add(nn.functional.one_hot(partners, 5).mul(0.3));
        using var soft = output.log_softmax(1).mul(targets).sum(1).neg().mean();

        Assert.Equal(soft.item<float>(), mixed.item<float>(), 5);
    }

    [Fact]
    public void A_batch_left_unmixed_has_the_plain_loss()
    {
        using var generator = new Generator(4, CPU);
        using var output = randn([4, 3], generator: generator);
        using var labels = tensor(new long[] { 0, 1, 2, 1 });
        using var images = zeros(4, 1, 1, 1);
        var batch = new MixedBatch(images, labels, labels.roll(1, 0), 0);
        var focal = LossFunction.Focal(2.0);

        using var mixed = MixedLoss.Compute(focal, output, batch);
        using var plain = focal.Compute(output, labels);

        Assert.Equal(plain.item<float>(), mixed.item<float>(), 6);
    }
}
