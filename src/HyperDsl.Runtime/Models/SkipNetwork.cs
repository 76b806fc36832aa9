using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// A network whose layers save and read named tensors (<c>save</c>, <c>concat</c>, <c>add</c>):
/// the layers run in order as in a <c>Sequential</c>, under the same names (so parameter paths
/// are the same, <c>conv1.weight</c>), and the saved tensors are let go when the pass ends.
/// </summary>
internal sealed class SkipNetwork : nn.Module<Tensor, Tensor>
{
    private readonly List<nn.Module<Tensor, Tensor>> _layers = [];
    private readonly SkipStore _store;

    public SkipNetwork(IEnumerable<(string Name, nn.Module<Tensor, Tensor> Module)> layers, SkipStore store)
        : base(nameof(SkipNetwork))
    {
        _store = store;
        foreach (var (name, module) in layers)
        {
            register_module(name, module);
            _layers.Add(module);
        }
    }

    public override Tensor forward(Tensor input)
    {
        try
        {
            var x = _layers[0].call(input);
            for (var i = 1; i < _layers.Count; i++)
            {
                var next = _layers[i].call(x);
                x.Dispose();
                x = next;
            }

            return x;
        }
        finally
        {
            _store.Clear();
        }
    }

    // Its submodules are registered by hand, under the names of parameter paths; TorchSharp's
    // registration by field, which register_module runs on a custom module, would list them again
    // under their field names (in state_dict and named_modules, so FLOPs would be counted twice).
    protected override void RegisterComponents()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _store.Clear();
            foreach (var layer in _layers)
            {
                layer.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
