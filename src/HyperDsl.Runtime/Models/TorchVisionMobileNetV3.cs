using System.Reflection;
using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// TorchSharp's TorchVision MobileNetV3 at any width multiplier. Its public <c>mobilenet_v3_small</c> and
/// <c>mobilenet_v3_large</c> take none, but its configuration (<c>_mobilenet_v3_conf</c>, torchvision's own,
/// with <c>width_mult</c>) and constructor (<c>_mobilenet_v3</c>) do; they are private, so they are called
/// by reflection. The model is then TorchSharp's own, module for module, at every width.
/// </summary>
internal static class TorchVisionMobileNetV3
{
    /// <summary>torchvision's <paramref name="arch"/> (<c>mobilenet_v3_small</c> or <c>mobilenet_v3_large</c>), its channels scaled by <paramref name="widthMultiplier"/>.</summary>
    /// <exception cref="InvalidOperationException">This TorchSharp's TorchVision has no configuration with a width multiplier.</exception>
    public static nn.Module<Tensor, Tensor> Build(string arch, double widthMultiplier)
    {
        if (widthMultiplier == 1.0)
        {
            return arch == "mobilenet_v3_small" ? TorchSharp.torchvision.models.mobilenet_v3_small() : TorchSharp.torchvision.models.mobilenet_v3_large();
        }

        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Static;
        var models = typeof(TorchSharp.torchvision.models);
        var configure = models.GetMethod("_mobilenet_v3_conf", Private);
        var construct = models.GetMethod("_mobilenet_v3", Private);
        if (configure is null || construct is null || configure.Invoke(null, [arch, widthMultiplier, false, false]) is not ITuple { Length: 2 } configuration)
        {
            throw new InvalidOperationException($"This TorchSharp's TorchVision has no MobileNetV3 configuration with a width multiplier, so {arch} can only be built at width 1.");
        }

        return (nn.Module<Tensor, Tensor>)construct.Invoke(null, [configuration[0], configuration[1]])!;
    }
}
