using HyperDsl.Runtime.Data;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// torchvision backbones (TorchSharp's TorchVision package) with a head sized for the task.
/// Nothing is downloaded: weights come from a local file, or the network starts from random
/// initialisation. The head is the layer <see cref="HeadPath"/>, so
/// <c>ModelParameters.FreezeAllExcept(model, Backbones.HeadPath)</c> fine-tunes only the head.
/// </summary>
public static class Backbones
{
    /// <summary>The path of the classification head (a linear layer) in every ResNet.</summary>
    public const string HeadPath = "fc";

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
                LoadAllButHead(model, weightsPath);
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

    private static void LoadAllButHead(nn.Module model, string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, $"The weights file '{path}' does not exist. Nothing is downloaded: save the weights to a local file first.");
        }

        var pytorch = Path.GetExtension(path).ToLowerInvariant() is ".pt" or ".pth";
        var expected = model.state_dict().Keys.Where(k => !IsHead(k)).ToHashSet(StringComparer.Ordinal);
        HashSet<string> loaded;
        try
        {
            loaded = pytorch ? LoadPyTorch(model, path) : LoadTorchSharp(model, path);
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
    private static bool IsHead(string key) => key.StartsWith(HeadPath + ".", StringComparison.Ordinal);

    private static string Format(bool pytorch) => pytorch
        ? "a PyTorch state dict saved with torch.save(model.state_dict(), ...)"
        : "a TorchSharp weights file saved with Module.save (name PyTorch files .pt or .pth)";

    private static HashSet<string> LoadPyTorch(nn.Module model, string path)
    {
        using var stream = File.OpenRead(path);
        var table = PyTorchUnpickler.UnpickleStateDict(stream);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (string key in table.Keys)
        {
            if (table[key] is Tensor value)
            {
                if (IsHead(key))
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

    private static HashSet<string> LoadTorchSharp(nn.Module model, string path)
    {
        var loaded = new Dictionary<string, bool>(StringComparer.Ordinal);
        model.load(path, strict: false, skip: [HeadPath + ".weight", HeadPath + ".bias"], loadedParameters: loaded);
        return loaded.Where(p => p.Value).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }
}
