using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Checking;
using HyperDsl.Runtime;
using HyperDsl.Runtime.Models;
using static TorchSharp.torch;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// The checker's EfficientNet-B0 (built on shapes from the catalogue's layout) against the runtime's
/// (built by HyperDsl with torchvision's structure): trainable parameters, FLOPs as <c>ModelFlops</c>
/// counts them, the output shape and the module paths freeze and weight files use.
/// </summary>
public class EfficientNetAgreementTests
{
    [Fact]
    public void The_runtimes_efficientnet_b0_has_torchvisions_parameter_count()
    {
        TorchRuntime.EnsureInitialized();
        using var model = Backbones.MobileNet(BackboneKind.EfficientNetB0, 1000);

        Assert.Equal(5_288_548, ModelParameters.CountTrainable(model));
        Assert.Equal("classifier", Backbones.HeadPathOf(BackboneKind.EfficientNetB0));
    }

    [Theory]
    [InlineData(32, 10)]
    [InlineData(40, 3)]
    public void The_checkers_efficientnet_b0_has_the_runtimes_parameters_flops_and_output(int size, int classes)
    {
        TorchRuntime.EnsureInitialized();
        var entry = BuiltinCatalog.Entries["efficientnet_b0"];
        var checkedNet = Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, size, size), classes);

        using var model = Backbones.MobileNet(BackboneKind.EfficientNetB0, classes);
        model.eval();
        using var scope = NewDisposeScope();
        using var output = model.call(zeros(2, 3, size, size));

        Assert.Null(checkedNet.Failure);
        Assert.Equal(ModelParameters.CountTrainable(model), checkedNet.Trainable);
        Assert.Equal(ModelFlops.Count(model, [3, size, size]), checkedNet.Flops);
        Assert.Equal(new FeatureShape(classes), checkedNet.Output);
        Assert.Equal([2L, classes], output.shape);
    }

    [Fact]
    public void The_checker_knows_every_module_path_of_the_runtimes_efficientnet_b0()
    {
        TorchRuntime.EnsureInitialized();
        var entry = BuiltinCatalog.Entries["efficientnet_b0"];
        var checkedNet = Backbone.Of(entry.Name, entry.BackboneLayout, new MapShape(3, 32, 32), 10);

        using var model = Backbones.MobileNet(BackboneKind.EfficientNetB0, 10);
        var modules = model.named_parameters().Select(p => p.name[..p.name.LastIndexOf('.')]).Distinct().ToList();

        // torchvision's paths: the first stage's one block has no expansion, so its squeeze-and-excitation is block.1.
        Assert.Contains("features.1.0.block.1.fc1", modules);
        Assert.Contains("features.2.0.block.2.fc2", modules);
        Assert.Contains("classifier.1", modules);
        Assert.All(modules, module => Assert.True(checkedNet.Contains(module), $"The checker has no module '{module}'."));
        Assert.Equal(["features", "classifier"], checkedNet.TopLevelNames);
    }
}
