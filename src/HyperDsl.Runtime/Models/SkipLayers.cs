using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary><c>save name</c>: keeps the tensor under the name and passes it on unchanged.</summary>
internal sealed class SaveLayer(string name, string key, SkipStore store) : nn.Module<Tensor, Tensor>(name)
{
    public override Tensor forward(Tensor input)
    {
        store.Put(key, input);

        // A handle of its own: the network disposes each layer's output once the next layer has run.
        return input.alias();
    }
}

/// <summary><c>concat name</c>: the current tensor followed by the saved one, along the channels (or features).</summary>
internal sealed class ConcatLayer(string name, string key, SkipStore store) : nn.Module<Tensor, Tensor>(name)
{
    public override Tensor forward(Tensor input) => cat([input, store.Get(key)], 1);
}

/// <summary><c>add name</c>: the current tensor plus the saved one, element by element.</summary>
internal sealed class AddSavedLayer(string name, string key, SkipStore store) : nn.Module<Tensor, Tensor>(name)
{
    // Out of place: the layer before may be a ReLU, whose backward pass needs its output intact.
    public override Tensor forward(Tensor input) => input.add(store.Get(key), One);
}
