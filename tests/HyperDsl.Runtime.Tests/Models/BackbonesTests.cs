using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.TestKit;
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

    // torchvision's published parameter counts of the 1000-class ImageNet models.
    [Theory]
    [InlineData(BackboneKind.MobileNetV2, 3_504_872)]
    [InlineData(BackboneKind.MobileNetV3Small, 2_542_856)]
    [InlineData(BackboneKind.MobileNetV3Large, 5_483_032)]
    public void A_mobilenet_has_torchvision_s_parameter_count(BackboneKind kind, long parameters)
    {
        using var model = Backbones.MobileNet(kind, classes: 1000);

        Assert.Equal(parameters, ModelParameters.CountTrainable(model));
    }

    [Theory]
    [InlineData(BackboneKind.MobileNetV2, "classifier.1", 1280)]
    [InlineData(BackboneKind.MobileNetV3Small, "classifier.3", 1024)]
    [InlineData(BackboneKind.MobileNetV3Large, "classifier.3", 1280)]
    public void A_mobilenet_s_new_head_gives_one_output_per_class(BackboneKind kind, string head, long features)
    {
        using var model = Backbones.Create(kind, classes: 7);

        model.eval();
        using var noGrad = no_grad();
        using var x = randn(1, 3, 64, 64);
        using var y = model.call(x);
        Assert.Equal([1L, 7], y.shape);
        Assert.Equal([7L, features], model.named_parameters().Single(p => p.name == head + ".weight").parameter.shape);
        Assert.Contains("features.0.0.weight", model.named_parameters().Select(p => p.name));
        Assert.Equal("classifier", Backbones.HeadPathOf(kind));
    }

    [Fact]
    public void Mobilenet_v2_s_width_multiplier_scales_its_channels_as_torchvision_does()
    {
        using var narrow = Backbones.MobileNet(BackboneKind.MobileNetV2, classes: 10, widthMultiplier: 0.5);

        // The stem's 32 channels become 16; the last 1280 stay (torchvision widens them only for a multiplier above 1).
        var names = narrow.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([16L, 3, 3, 3], names["features.0.0.weight"]);
        Assert.Equal([10L, 1280], names["classifier.1.weight"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Backbones.MobileNet(BackboneKind.EfficientNetB0, 10, widthMultiplier: 0.5));
        Assert.Throws<ArgumentException>(() => Backbones.MobileNet(BackboneKind.ResNet18, 10));
        Assert.Throws<ArgumentException>(() => Backbones.ResNet(BackboneKind.MobileNetV2, 10));
    }

    [Theory]
    [InlineData(BackboneKind.MobileNetV3Small, "features.12.0.weight", 72L, 432L, 768L)]
    [InlineData(BackboneKind.MobileNetV3Large, "features.16.0.weight", 120L, 720L, 960L)]
    public void Mobilenet_v3_s_width_multiplier_scales_its_channels_as_torchvision_does(BackboneKind kind, string lastConvolution, long lastBlock, long lastChannels, long hidden)
    {
        using var narrow = Backbones.MobileNet(kind, classes: 10, widthMultiplier: 0.75);

        // At 0.75 the last block's 96 (small) or 160 (large) channels become 72 or 120, the last convolution six times
        // that, and the hidden layer's 1024 or 1280 become 768 or 960 (torchvision's _mobilenet_v3_conf).
        var names = narrow.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([lastChannels, lastBlock, 1, 1], names[lastConvolution]);
        Assert.Equal([hidden, lastChannels], names["classifier.0.weight"]);
        Assert.Equal([10L, hidden], names["classifier.3.weight"]);
    }

    [Fact]
    public void Mobilenet_weights_from_a_file_load_into_everything_but_the_final_linear_layer()
    {
        var path = Path.Combine(_folder, "mobilenet.pt");
        using (var trained = Backbones.MobileNet(BackboneKind.MobileNetV3Small, classes: 10))
        {
            trained.save_py(path);
        }

        using var source = Backbones.MobileNet(BackboneKind.MobileNetV3Small, classes: 10, weightsPath: path);
        using var model = Backbones.MobileNet(BackboneKind.MobileNetV3Small, classes: 3, weightsPath: path);

        var expected = source.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in model.named_parameters().Where(p => !p.name.StartsWith("classifier.3.", StringComparison.Ordinal)))
        {
            TensorAssert.Identical(expected[name], parameter);
        }

        Assert.Equal([2L, 3], OutputShape(model));
    }

    [Fact]
    public void Freezing_all_but_a_mobilenet_s_classifier_leaves_the_classifier_trainable()
    {
        using var model = Backbones.MobileNet(BackboneKind.MobileNetV2, classes: 5);

        ModelParameters.FreezeAllExcept(model, Backbones.HeadPathOf(BackboneKind.MobileNetV2));

        Assert.Equal((1280 * 5) + 5, ModelParameters.CountTrainable(model));
    }

    // The baselines were written offline from torchvision 0.14's own models, so a PyTorch state dict of torchvision's
    // pretrained MobileNet has exactly these keys and shapes and loads into ours (TorchSharp lists buffers after parameters, so both are sorted).
    [Theory]
    [InlineData(BackboneKind.MobileNetV2, "mobilenet_v2")]
    [InlineData(BackboneKind.MobileNetV3Small, "mobilenet_v3_small")]
    [InlineData(BackboneKind.MobileNetV3Large, "mobilenet_v3_large")]
    public void A_mobilenet_s_state_has_torchvision_s_keys_and_shapes(BackboneKind kind, string torchvisionName)
    {
        using var model = Backbones.MobileNet(kind, classes: 1000);

        var lines = model.state_dict().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} [{string.Join(", ", p.Value.shape)}]");
        var text = $"# torchvision 0.14.1a0 models.{torchvisionName}().state_dict(): key and shape, sorted by key\n" + string.Join("\n", lines) + "\n";
        BaselineAssert.Matches(text, $"Baselines/{torchvisionName}-state.txt");
    }
}
