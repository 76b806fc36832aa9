using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Models;

public sealed class BackbonesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-weights-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static long[] OutputShape(nn.Module<Tensor, Tensor> model)
    {
        model.eval();
        using var noGrad = no_grad();
        using var x = randn(2, 3, 32, 32);
        using var y = model.call(x);
        return y.shape;
    }

    [Theory]
    [InlineData(BackboneKind.ResNet18, 512)]
    [InlineData(BackboneKind.ResNet34, 512)]
    [InlineData(BackboneKind.ResNet50, 2048)]
    public void A_backbone_s_replaced_head_gives_one_output_per_class(BackboneKind kind, long features)
    {
        using var model = Backbones.ResNet(kind, classes: 7);

        Assert.Equal([2L, 7], OutputShape(model));
        var head = model.named_parameters().Single(p => p.name == "fc.weight").parameter;
        Assert.Equal([7L, features], head.shape);
    }

    [Theory]
    [InlineData("weights.dat")]
    [InlineData("weights.pt")]
    public void Weights_from_a_file_load_into_everything_but_the_new_head(string fileName)
    {
        var path = Path.Combine(_folder, fileName);
        using (var trained = Backbones.ResNet(BackboneKind.ResNet18, classes: 10))
        {
            if (fileName.EndsWith(".pt", StringComparison.Ordinal))
            {
                trained.save_py(path);
            }
            else
            {
                trained.save(path);
            }
        }

        using var source = Backbones.ResNet(BackboneKind.ResNet18, classes: 10, weightsPath: path);
        using var model = Backbones.ResNet(BackboneKind.ResNet18, classes: 3, weightsPath: path);

        var expected = source.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in model.named_parameters().Where(p => !p.name.StartsWith("fc.", StringComparison.Ordinal)))
        {
            TensorAssert.Identical(expected[name], parameter);
        }

        Assert.Equal([2L, 3], OutputShape(model));
    }

    [Fact]
    public void A_missing_weights_file_says_nothing_is_downloaded()
    {
        var path = Path.Combine(_folder, "absent.pt");

        var error = Assert.Throws<DataFileException>(() => Backbones.ResNet(BackboneKind.ResNet18, 2, path));

        Assert.Contains("Nothing is downloaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_of_another_architecture_are_reported_with_the_file_and_the_expected_format()
    {
        var path = Path.Combine(_folder, "small.dat");
        using (var other = new ModelBuilder(4).Linear(2).Build())
        {
            other.save(path);
        }

        var error = Assert.Throws<DataFileException>(() => Backbones.ResNet(BackboneKind.ResNet18, 2, path));

        Assert.Contains("does not fit the network", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Freezing_all_but_the_head_leaves_only_the_head_trainable()
    {
        using var model = Backbones.ResNet(BackboneKind.ResNet18, classes: 5);

        ModelParameters.FreezeAllExcept(model, Backbones.HeadPath);

        Assert.Equal((512 * 5) + 5, ModelParameters.CountTrainable(model));
    }
}
