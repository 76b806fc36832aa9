using HyperDsl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Models;

/// <summary>ModelBuilder's layers of dense prediction: named skips, upsample, conv_transpose and aspp.</summary>
public sealed class DenseLayersTests
{
    private static long[] OutputShape(nn.Module<Tensor, Tensor> model, params long[] input)
    {
        model.eval();
        using var noGrad = no_grad();
        using var x = randn(input);
        using var y = model.call(x);
        return y.shape;
    }

    [Fact]
    public void A_concat_joins_the_saved_map_after_the_current_one_along_the_channels()
    {
        var builder = new ModelBuilder(2, 8, 8).Save("skip").Conv(3, kernel: 1, bias: false).Concat("skip");
        Assert.Equal([5L, 8, 8], builder.OutputShape);
        using var model = builder.Build();
        model.eval();
        using var noGrad = no_grad();
        using var x = randn(1, 2, 8, 8);
        using var y = model.call(x);
        Assert.Equal([1L, 5, 8, 8], y.shape);
        Assert.True(y.narrow(1, 3, 2).allclose(x), "The saved map is not the last channels of the output.");
    }

    [Fact]
    public void Parameter_paths_of_a_network_with_skips_are_those_of_a_sequential_one()
    {
        using var model = new ModelBuilder(1, 8, 8).Conv(4, padding: ConvPadding.Same).Save("a").Conv(4, padding: ConvPadding.Same).AddSaved("a").GlobalAvgPool().Linear(2).Build();
        Assert.Equal(["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "linear1.weight", "linear1.bias"], model.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void A_residual_body_reads_and_saves_names_of_the_network_and_its_flops_are_counted_once()
    {
        var builder = new ModelBuilder(4, 8, 8)
            .Save("outer")
            .Residual(b => b.Conv(4, kernel: 1).Save("inner").Conv(4, padding: ConvPadding.Same).AddSaved("inner").AddSaved("outer"))
            .Concat("outer");
        Assert.Equal([8L, 8, 8], builder.OutputShape);
        using var model = builder.Build();
        Assert.Equal([2L, 8, 8, 8], OutputShape(model, 2, 4, 8, 8));
        Assert.Equal((2 * 4 * 64 * 4) + (2 * 4 * 64 * 4 * 9), ModelFlops.Count(model, [4, 8, 8]));
    }

    [Fact]
    public void A_network_with_skips_lists_each_module_and_state_once_under_its_path()
    {
        using var model = new ModelBuilder(4, 8, 8).Save("o").Residual(b => b.Conv(4, kernel: 1)).Aspp(2, [1]).Concat("o").Build();
        Assert.DoesNotContain(model.named_modules(), m => m.name.Contains("._", StringComparison.Ordinal));
        Assert.DoesNotContain(model.state_dict().Keys, k => k.Contains("._", StringComparison.Ordinal));
        Assert.Contains("block1.body.conv1.weight", model.state_dict().Keys);
    }

    [Fact]
    public void A_loop_that_saves_each_iteration_reads_its_own_iterations_tensor()
    {
        var builder = new ModelBuilder(2, 4, 4);
        for (var i = 0; i < 3; i++)
        {
            builder.Save("x").Conv(2, kernel: 1).Concat("x").Conv(2, kernel: 1);
        }

        using var model = builder.Build();
        Assert.Equal([1L, 2, 4, 4], OutputShape(model, 1, 2, 4, 4));
        Assert.Equal(3 * ((2 * 2 * 16 * 2) + (2 * 2 * 16 * 4)), ModelFlops.Count(model, [2, 4, 4]));
    }

    public static TheoryData<bool> WhereSaved() => new(false, true);

    [Theory]
    [MemberData(nameof(WhereSaved))]
    public void A_forward_pass_lets_go_of_the_tensors_it_saved(bool inResidualBody)
    {
        var builder = new ModelBuilder(1, 8, 8).Conv(2, padding: ConvPadding.Same);
        builder = inResidualBody
            ? builder.Residual(b => b.Save("s").MaxPool(2).Upsample(2).AddSaved("s"))
            : builder.Save("s").MaxPool(2).Upsample(2).Concat("s");
        using var model = builder.GlobalAvgPool().Linear(2).Build();
        model.eval();
        using var noGrad = no_grad();
        using var x = randn(2, 1, 8, 8);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (model.call(x))
        {
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [InlineData(7, 2, 2, 0, 0, 1, 14)]
    [InlineData(7, 3, 2, 1, 1, 1, 14)]
    [InlineData(5, 3, 1, 0, 0, 2, 9)]
    [InlineData(5, 3, 3, 1, 2, 1, 15)]
    public void A_transposed_convolution_gives_pytorchs_size_parameters_and_flops(int size, int kernel, int stride, int padding, int outputPadding, int dilation, long expected)
    {
        var builder = new ModelBuilder(3, size, size).ConvTranspose(5, kernel, stride, padding, outputPadding, dilation);
        Assert.Equal([5L, expected, expected], builder.OutputShape);
        using var model = builder.Build();
        Assert.Equal([2L, 5, expected, expected], OutputShape(model, 2, 3, size, size));
        Assert.Equal((3 * 5 * kernel * kernel) + 5, ModelParameters.CountTrainable(model));
        Assert.Equal(2L * 3 * size * size * 5 * kernel * kernel, ModelFlops.Count(model, [3, size, size]));
    }

    [Fact]
    public void An_output_padding_not_below_the_stride_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ModelBuilder(3, 8, 8).ConvTranspose(4, kernel: 2, stride: 2, outputPadding: 2));
    }

    [Theory]
    [InlineData(UpsamplingMode.Nearest)]
    [InlineData(UpsamplingMode.Bilinear)]
    public void Upsampling_multiplies_height_and_width_by_the_scale(UpsamplingMode mode)
    {
        using var model = new ModelBuilder(2, 3, 5).Upsample(3, mode).Build();
        Assert.Equal([1L, 2, 9, 15], OutputShape(model, 1, 2, 3, 5));
    }

    [Fact]
    public void Aspp_has_torchvisions_layout_keeps_the_size_and_counts_its_flops()
    {
        using var model = new ModelBuilder(4, 6, 6).Aspp(8, [1, 2]).Build();
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.Contains("aspp1.convs.0.0.weight", names);
        Assert.Contains("aspp1.convs.2.1.weight", names);
        Assert.Contains("aspp1.convs.3.1.weight", names);
        Assert.Contains("aspp1.project.0.weight", names);
        Assert.Equal([2L, 8, 6, 6], OutputShape(model, 2, 4, 6, 6));
        long c = 4, o = 8, hw = 36;
        Assert.Equal((c * o) + (2 * o) + (2 * ((c * o * 9) + (2 * o))) + (c * o) + (2 * o) + (4 * o * o) + (2 * o), ModelParameters.CountTrainable(model));
        Assert.Equal((2 * o * hw * c) + (2 * 2 * o * hw * c * 9) + (2 * o * c) + (2 * o * hw * 4 * o), ModelFlops.Count(model, [4, 6, 6]));
    }
}
