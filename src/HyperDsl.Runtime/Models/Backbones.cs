using HyperDsl.Runtime.Data;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// torchvision backbones (TorchSharp's TorchVision package) with a head sized for the task.
/// Nothing is downloaded: weights come from a local file, or the network starts from random
/// initialisation. A ResNet's head is the layer <see cref="HeadPath"/> (<c>fc</c>), a MobileNet's
/// <see cref="MobileNetHeadPath"/> (<c>classifier</c>); <see cref="HeadPathOf"/> says which, so
/// <c>ModelParameters.FreezeAllExcept(model, Backbones.HeadPathOf(kind))</c> fine-tunes only the head.
/// </summary>
public static class Backbones
{
    /// <summary>The path of the classification head (a linear layer) in every ResNet.</summary>
    public const string HeadPath = "fc";

    /// <summary>
    /// The path of a MobileNet's classifier (a sequence ending in the linear layer to the classes:
    /// <c>classifier.1</c> in MobileNetV2 after a dropout; <c>classifier.3</c> in MobileNetV3 after a
    /// hidden linear layer, hardswish and dropout).
    /// </summary>
    public const string MobileNetHeadPath = "classifier";

    /// <summary>The path of <paramref name="kind"/>'s head: <c>fc</c> for ResNets, <c>classifier</c> for MobileNets.</summary>
    public static string HeadPathOf(BackboneKind kind) => HasClassifierHead(kind) ? MobileNetHeadPath : HeadPath;

    /// <summary>Whether <paramref name="kind"/> is a MobileNet or EfficientNet (built by <see cref="MobileNet"/>, head <c>classifier</c>) rather than a ResNet.</summary>
    public static bool HasClassifierHead(BackboneKind kind) => kind is BackboneKind.MobileNetV2 or BackboneKind.MobileNetV3Small or BackboneKind.MobileNetV3Large or BackboneKind.EfficientNetB0;

    /// <summary>A backbone of any kind with a new head of <paramref name="classes"/> outputs (<see cref="ResNet"/> or <see cref="MobileNet"/>).</summary>
    /// <exception cref="DataFileException">The weights file is missing or does not fit the network.</exception>
    public static nn.Module<Tensor, Tensor> Create(BackboneKind kind, int classes, string? weightsPath = null) => HasClassifierHead(kind)
        ? MobileNet(kind, classes, weightsPath)
        : ResNet(kind, classes, weightsPath);

    /// <summary>
    /// A MobileNet (torchvision's <c>mobilenet_v2</c>, <c>mobilenet_v3_small</c>, <c>mobilenet_v3_large</c>) or EfficientNet (<c>efficientnet_b0</c>) with a new
    /// final linear layer of <paramref name="classes"/> outputs for 3-channel images. It is a sequence of torchvision's
    /// own modules, so parameter paths are torchvision's (<c>features.0.0.weight</c>, <c>classifier.1.weight</c>):
    /// <c>features</c>, <c>avgpool</c> (adaptive average pooling to 1 x 1), <c>flatten</c> and <c>classifier</c>, the head.
    /// <paramref name="widthMultiplier"/> scales a MobileNet's channels as torchvision's <c>width_mult</c> (channels rounded
    /// to multiples of 8); EfficientNet-B0 takes none, so it must be 1 there. With <paramref name="weightsPath"/>,
    /// every weight but the final linear layer's is loaded from that file, as for <see cref="ResNet"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a MobileNet, or EfficientNet-B0 is given a width multiplier.</exception>
    /// <exception cref="DataFileException">The weights file is missing or does not fit the network.</exception>
    public static nn.Module<Tensor, Tensor> MobileNet(BackboneKind kind, int classes, string? weightsPath = null, double widthMultiplier = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (!HasClassifierHead(kind))
        {
            throw new ArgumentException($"{kind} is not a MobileNet or EfficientNet.", nameof(kind));
        }

        if (!(widthMultiplier > 0) || !double.IsFinite(widthMultiplier) || (kind == BackboneKind.EfficientNetB0 && widthMultiplier != 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "The width multiplier must be positive, and EfficientNet-B0 takes none other than 1.");
        }

        TorchRuntime.EnsureInitialized();
        nn.Module<Tensor, Tensor> torchvisionModel = kind switch
        {
            BackboneKind.MobileNetV2 => torchvision.models.mobilenet_v2(num_classes: classes, width_mult: widthMultiplier),
            BackboneKind.MobileNetV3Small => TorchVisionMobileNetV3.Build("mobilenet_v3_small", widthMultiplier),
            // TorchSharp's TorchVision has no EfficientNet: it is built here with torchvision's structure and names.
            BackboneKind.EfficientNetB0 => EfficientNet.B0(classes),
            _ => TorchVisionMobileNetV3.Build("mobilenet_v3_large", widthMultiplier),
        };

        var model = WithHead(torchvisionModel, classes);
        if (weightsPath is not null)
        {
            try
            {
                LoadAllButHead(model, weightsPath, FinalLinearPath(model));
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }

        return model;
    }

    /// <summary>
    /// A MobileNet's top-level modules in the order its forward pass runs them; the head comes with
    /// its input size (the features the classifier's first linear layer takes).
    /// </summary>
    internal static IReadOnlyList<(string Name, nn.Module<Tensor, Tensor> Module, long? Inputs)> MobileNetLayers(nn.Module<Tensor, Tensor> mobileNet)
    {
        var children = mobileNet.named_children().ToList();
        var classifier = (nn.Module<Tensor, Tensor>)children.Single(c => c.name == MobileNetHeadPath).module;
        var inputs = classifier.modules().OfType<TorchSharp.Modules.Linear>().First().in_features;
        return [.. children.Select(c => (c.name, (nn.Module<Tensor, Tensor>)c.module, c.name == MobileNetHeadPath ? (long?)inputs : null))];
    }

    // TorchVision's MobileNets run their pooling and flatten in forward (and MobileNetV3 takes no class count):
    // their modules become a sequence under torchvision's names, the classifier's last linear layer sized to the classes.
    private static nn.Module<Tensor, Tensor> WithHead(nn.Module<Tensor, Tensor> torchvisionModel, int classes)
    {
        var children = torchvisionModel.named_children().ToDictionary(c => c.name, c => (nn.Module<Tensor, Tensor>)c.module, StringComparer.Ordinal);
        var classifierParts = children[MobileNetHeadPath].named_children().Select(c => (c.name, (nn.Module<Tensor, Tensor>)c.module)).ToList();
        var (lastName, lastModule) = classifierParts[^1];
        var last = (TorchSharp.Modules.Linear)lastModule;
        if (last.out_features != classes)
        {
            var head = nn.Linear(last.in_features, classes);
            using (no_grad())
            {
                // torchvision's initialisation of a MobileNet's linear layers.
                nn.init.normal_(head.weight, 0, 0.01);
                nn.init.zeros_(head.bias);
            }

            last.Dispose();
            classifierParts[^1] = (lastName, head);
        }

        return nn.Sequential(
            ("features", children["features"]),
            ("avgpool", children.TryGetValue("avgpool", out var pool) ? pool : nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
            (MobileNetHeadPath, nn.Sequential([.. classifierParts])));
    }

    private static string FinalLinearPath(nn.Module<Tensor, Tensor> mobileNet) =>
        mobileNet.named_modules().Last(m => m.module is TorchSharp.Modules.Linear && m.name.StartsWith(MobileNetHeadPath + ".", StringComparison.Ordinal)).name;

    /// <summary>
    /// A ResNet with a new head of <paramref name="classes"/> outputs for 3-channel images.
    /// With <paramref name="weightsPath"/>, every weight but the head's is loaded from that file:
    /// a PyTorch state dict (<c>.pt</c>, <c>.pth</c>, read with TorchSharp.PyBridge), or otherwise
    /// TorchSharp's own format (<c>Module.save</c>). The file must hold every other tensor.
    /// </summary>
    /// <exception cref="DataFileException">The weights file is missing or does not fit the network.</exception>
    public static nn.Module<Tensor, Tensor> ResNet(BackboneKind kind, int classes, string? weightsPath = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (HasClassifierHead(kind))
        {
            throw new ArgumentException($"{kind} is not a ResNet; build it with Backbones.MobileNet.", nameof(kind));
        }

        TorchRuntime.EnsureInitialized();
        var model = kind switch
        {
            BackboneKind.ResNet18 => torchvision.models.resnet18(num_classes: classes),
            BackboneKind.ResNet34 => torchvision.models.resnet34(num_classes: classes),
            BackboneKind.ResNet50 => torchvision.models.resnet50(num_classes: classes),
            BackboneKind.ResNet101 => torchvision.models.resnet101(num_classes: classes),
            _ => torchvision.models.resnet152(num_classes: classes),
        };

        if (weightsPath is not null)
        {
            try
            {
                LoadAllButHead(model, weightsPath, HeadPath);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }

        return model;
    }

    /// <summary>
    /// A ResNet's top-level modules in the order its forward pass runs them (a flatten between
    /// the pooling and the head, its own or a new one), so that a sequential network of them
    /// computes what the ResNet computes. The head comes with its input size.
    /// </summary>
    internal static IReadOnlyList<(string Name, nn.Module<Tensor, Tensor> Module, long? Inputs)> TopLevelLayers(nn.Module<Tensor, Tensor> resnet)
    {
        string[] order = ["conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", "flatten", HeadPath];
        var children = resnet.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);
        if (children.Keys.Except(order).FirstOrDefault() is { } unexpected)
        {
            throw new InvalidOperationException($"The ResNet has a module '{unexpected}' that HyperDsl does not know where to place.");
        }

        var layers = new List<(string, nn.Module<Tensor, Tensor>, long?)>();
        foreach (var name in order)
        {
            var module = children.TryGetValue(name, out var child) ? (nn.Module<Tensor, Tensor>)child : name == "flatten" ? nn.Flatten() : throw new InvalidOperationException($"The ResNet has no module '{name}'.");
            layers.Add((name, module, name == HeadPath ? ((TorchSharp.Modules.Linear)module).in_features : null));
        }

        return layers;
    }

    private static void LoadAllButHead(nn.Module model, string path, string head)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, $"The weights file '{path}' does not exist. Nothing is downloaded: save the weights to a local file first.");
        }

        var pytorch = Path.GetExtension(path).ToLowerInvariant() is ".pt" or ".pth";
        var expected = model.state_dict().Keys.Where(k => !IsHead(k, head)).ToHashSet(StringComparer.Ordinal);
        HashSet<string> loaded;
        try
        {
            loaded = pytorch ? LoadPyTorch(model, path, head) : LoadTorchSharp(model, path, head);
        }
        catch (Exception e) when (e is not DataFileException and not OutOfMemoryException)
        {
            throw new DataFileException(path, $"The weights file '{path}' could not be loaded; expected {Format(pytorch)}. {e.Message.Split('\n')[0]}", e);
        }

        var missing = expected.Where(k => !loaded.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new DataFileException(path, $"The weights file '{path}' does not fit the network: it lacks {missing.Count} of its {expected.Count} tensors (first: {string.Join(", ", missing.Take(3))}); expected {Format(pytorch)} of the same architecture.");
        }
    }

    // The file's head (typically 1,000 ImageNet classes) is dropped before loading, so its shape never matters.
    private static bool IsHead(string key, string head) => key.StartsWith(head + ".", StringComparison.Ordinal);

    private static string Format(bool pytorch) => pytorch
        ? "a PyTorch state dict saved with torch.save(model.state_dict(), ...)"
        : "a TorchSharp weights file saved with Module.save (name PyTorch files .pt or .pth)";

    private static HashSet<string> LoadPyTorch(nn.Module model, string path, string head)
    {
        using var stream = File.OpenRead(path);
        var table = PyTorchUnpickler.UnpickleStateDict(stream);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (string key in table.Keys)
        {
            if (table[key] is Tensor value)
            {
                if (IsHead(key, head))
                {
                    value.Dispose();
                }
                else
                {
                    state[key] = value;
                }
            }
        }

        try
        {
            var (_, unexpected) = model.load_state_dict(state, strict: false);
            return state.Keys.Except(unexpected).ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            foreach (var value in state.Values)
            {
                value.Dispose();
            }
        }
    }

    private static HashSet<string> LoadTorchSharp(nn.Module model, string path, string head)
    {
        var loaded = new Dictionary<string, bool>(StringComparer.Ordinal);
        model.load(path, strict: false, skip: [head + ".weight", head + ".bias"], loadedParameters: loaded);
        return loaded.Where(p => p.Value).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }
}
