using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// The tensors that <c>save name</c> keeps during one forward pass of a model, shared by the
/// model's save, concat and add layers (residual bodies' included). At build time it also keeps
/// each saved shape, so the builder can size the layers that read it. The network that owns it
/// (<see cref="SkipNetwork"/>) empties it when its forward pass ends, so no saved tensor outlives
/// the pass that made it.
/// </summary>
internal sealed class SkipStore
{
    private readonly Dictionary<string, Tensor> _tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _shapes = new(StringComparer.Ordinal);

    /// <summary>Whether some layer saves a tensor (in a residual body too), so the network must let the saved tensors go after each pass.</summary>
    public bool HasSaves => _shapes.Count > 0;

    /// <summary>Remembers the shape of one example saved under <paramref name="name"/>, at build time.</summary>
    public void SaveShape(string name, long[] shape) => _shapes[name] = [.. shape];

    /// <summary>The shape saved under <paramref name="name"/> at build time.</summary>
    /// <exception cref="InvalidOperationException">Nothing is saved under the name yet.</exception>
    public long[] ShapeOf(string name, string reader) => _shapes.TryGetValue(name, out var shape)
        ? shape
        : throw new InvalidOperationException($"'{reader} {name}' reads a tensor saved as '{name}', but no 'save {name}' comes before it.");

    /// <summary>Keeps <paramref name="tensor"/> under <paramref name="name"/> (a handle of its own, which the store disposes); a loop saves afresh each iteration.</summary>
    public void Put(string name, Tensor tensor)
    {
        if (_tensors.Remove(name, out var earlier))
        {
            earlier.Dispose();
        }

        _tensors[name] = tensor.alias();
    }

    /// <summary>The tensor saved under <paramref name="name"/> in this forward pass.</summary>
    public Tensor Get(string name) => _tensors.TryGetValue(name, out var tensor)
        ? tensor
        : throw new InvalidOperationException($"No tensor is saved as '{name}' in this forward pass.");

    /// <summary>Lets go of every saved tensor: autograd keeps what the backward pass needs.</summary>
    public void Clear()
    {
        foreach (var tensor in _tensors.Values)
        {
            tensor.Dispose();
        }

        _tensors.Clear();
    }
}
