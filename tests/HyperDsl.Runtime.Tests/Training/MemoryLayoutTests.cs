using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class MemoryLayoutTests
{
    private static nn.Module<Tensor, Tensor> TwoConvolutions(int width) => new ModelBuilder(1, 28, 28)
        .Conv(width, 3, padding: ConvPadding.Same).Relu().MaxPool(2)
        .Conv(width * 2, 3, padding: ConvPadding.Same).Relu()
        .GlobalAvgPool().Linear(10)
        .Build();

    private static List<Tensor> Kernels(nn.Module model) => model.parameters().Where(p => p.dim() == 4).Cast<Tensor>().ToList();

    // Channels-last strides of an [out, in, h, w] kernel: the input channel varies fastest.
    private static bool IsChannelsLast(Tensor kernel) => kernel.stride(1) == 1 && kernel.stride(3) == kernel.shape[1];

    [Fact]
    public void Kernels_whose_channels_are_multiples_of_16_keep_their_layout()
    {
        using var model = TwoConvolutions(32);

        Assert.False(MemoryLayout.AvoidPaddedLayouts(model));
        Assert.All(Kernels(model), k => Assert.True(k.is_contiguous()));
    }

    [Fact]
    public void A_width_of_24_puts_the_kernels_channels_last_in_the_same_parameters_with_the_same_values()
    {
        using var model = TwoConvolutions(24);
        var before = Kernels(model);
        var values = before.Select(k => k.detach().clone()).ToList();

        Assert.True(MemoryLayout.AvoidPaddedLayouts(model));

        // Read through the references taken before: in place, so an optimizer made earlier sees the change.
        Assert.True(IsChannelsLast(before[1]), $"strides [{string.Join(", ", before[1].stride())}]");
        Assert.True(IsChannelsLast(Kernels(model)[1]));
        Assert.All(before.Zip(values), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
    }
}
