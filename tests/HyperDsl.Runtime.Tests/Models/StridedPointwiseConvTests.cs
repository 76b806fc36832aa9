using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Models;

public sealed class StridedPointwiseConvTests
{
    [Theory]
    [InlineData(3, 5, 2, 1, true, 22, 16)]
    [InlineData(8, 4, 3, 1, false, 15, 17)]
    [InlineData(6, 4, 2, 2, true, 9, 9)]
    public void It_gives_the_numbers_of_a_strided_1x1_convolution(int inChannels, int outChannels, int stride, int groups, bool bias, long height, long width)
    {
        using var scope = NewDisposeScope();
        using var layer = new StridedPointwiseConv(inChannels, outChannels, stride, groups, bias);
        using var reference = nn.Conv2d(inChannels, outChannels, 1, stride, 0, groups: groups, bias: bias);
        using (no_grad())
        {
            reference.weight!.copy_(layer.Weight);
            if (bias)
            {
                reference.bias!.copy_(layer.get_parameter("bias")!);
            }
        }

        // Plain NCHW input: LibTorch's strided 1x1 convolution is sound there, so it is the reference.
        var input = randn(2, inChannels, height, width);

        TensorAssert.Close(reference.call(input), layer.call(input), 1e-5);
        Assert.Equal(reference.named_parameters().Select(p => (p.name, p.parameter.shape)), layer.named_parameters().Select(p => (p.name, p.parameter.shape)));
    }

    // LibTorch 2.10's CPU backward of a strided 1x1 convolution on a channels-last batch with few
    // channels aborted the process ("double free or corruption"): a residual block that halves the
    // resolution of a 3-channel image (its shortcut is such a convolution) could not train.
    [Theory]
    [InlineData(3, 22, 16)]
    [InlineData(4, 32, 32)]
    [InlineData(8, 32, 32)]
    public void A_residual_block_that_halves_a_few_channel_image_trains(int channels, int height, int width)
    {
        using var data = new DataSplits(SyntheticData.Create(32, [3, height, width], classes: 4, seed: 5));
        var options = new TrainingOptions { Epochs = 3, BatchSize = 8, Optimizer = OptimizerSpec.Adam(lr: 1e-3) };
        nn.Module<Tensor, Tensor> Model() => new ModelBuilder(3, height, width)
            .Residual(b => b.Conv(channels, 3, stride: 2, padding: ConvPadding.Of(1)).BatchNorm())
            .Relu().GlobalAvgPool().Linear(4)
            .Build();

        var result = new Trainer(options).Fit(Model, data);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss)));
    }
}
