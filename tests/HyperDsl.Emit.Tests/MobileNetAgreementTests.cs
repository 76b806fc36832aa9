using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Checking;
using HyperDsl.Runtime;
using HyperDsl.Runtime.Models;
using static TorchSharp.torch;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// The checker's MobileNets (built on shapes from the catalogue's layouts) against the runtime's
/// (TorchSharp's TorchVision): trainable parameters, FLOPs as <c>ModelFlops</c> counts them, and
/// the output shape, for several image sizes, class counts and widths.
/// </summary>
public class MobileNetAgreementTests
{
    [Theory]
    [InlineData("mobilenet_v2", BackboneKind.MobileNetV2, 32, 10, 1.0)]
    [InlineData("mobilenet_v2", BackboneKind.MobileNetV2, 64, 3, 0.5)]
    [InlineData("mobilenet_v2", BackboneKind.MobileNetV2, 40, 7, 0.75)]
    [InlineData("mobilenet_v2", BackboneKind.MobileNetV2, 32, 2, 1.4)]
    [InlineData("mobilenet_v3_small", BackboneKind.MobileNetV3Small, 32, 10, 1.0)]
    [InlineData("mobilenet_v3_small", BackboneKind.MobileNetV3Small, 64, 3, 1.0)]
    [InlineData("mobilenet_v3_small", BackboneKind.MobileNetV3Small, 32, 10, 0.5)]
    [InlineData("mobilenet_v3_small", BackboneKind.MobileNetV3Small, 40, 7, 0.75)]
    [InlineData("mobilenet_v3_large", BackboneKind.MobileNetV3Large, 32, 10, 1.0)]
    [InlineData("mobilenet_v3_large", BackboneKind.MobileNetV3Large, 64, 3, 1.0)]
    [InlineData("mobilenet_v3_large", BackboneKind.MobileNetV3Large, 32, 10, 0.5)]
    [InlineData("mobilenet_v3_large", BackboneKind.MobileNetV3Large, 40, 7, 0.75)]
    public void The_checkers_mobilenet_has_the_runtimes_parameters_flops_and_output(string name, BackboneKind kind, int size, int classes, double width)
    {
        TorchRuntime.EnsureInitialized();
        var entry = BuiltinCatalog.Entries[name];
        var checkedNet = Backbone.Of(name, entry.BackboneLayout, new MapShape(3, size, size), classes, width);

        using var model = Backbones.MobileNet(kind, classes, widthMultiplier: width);
        model.eval();
        using var scope = NewDisposeScope();
        using var output = model.call(zeros(2, 3, size, size));

        Assert.Null(checkedNet.Failure);
        Assert.Equal(ModelParameters.CountTrainable(model), checkedNet.Trainable);
        Assert.Equal(ModelFlops.Count(model, [3, size, size]), checkedNet.Flops);
        Assert.Equal(new FeatureShape(classes), checkedNet.Output);
        Assert.Equal([2L, classes], output.shape);
    }

    [Theory]
    [InlineData("mobilenet_v2", BackboneKind.MobileNetV2)]
    [InlineData("mobilenet_v3_small", BackboneKind.MobileNetV3Small)]
    [InlineData("mobilenet_v3_large", BackboneKind.MobileNetV3Large)]
    public void The_checker_knows_every_module_path_the_runtime_freezes_by(string name, BackboneKind kind)
    {
        TorchRuntime.EnsureInitialized();
        var entry = BuiltinCatalog.Entries[name];
        var checkedNet = Backbone.Of(name, entry.BackboneLayout, new MapShape(3, 32, 32), 10);

        using var model = Backbones.MobileNet(kind, 10);
        var modules = model.named_parameters().Select(p => p.name[..p.name.LastIndexOf('.')]).Distinct().ToList();

        Assert.All(modules, module => Assert.True(checkedNet.Contains(module), $"The checker has no module '{module}'."));
        Assert.Equal(["features", "classifier"], checkedNet.TopLevelNames);
    }
}
