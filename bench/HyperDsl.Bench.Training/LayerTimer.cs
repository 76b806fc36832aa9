using System.Diagnostics;
using static TorchSharp.torch;

namespace HyperDsl.Bench.Training;

/// <summary>
/// Milliseconds per forward pass of each top-level layer of a trained model, in training mode with
/// gradients recorded (as in a training step), timed around each layer's call: the layers are called
/// one after another as <c>Sequential</c> calls them (torchvision's ResNet flattens before its last
/// linear layer, as its forward does). Timed apart from the steps, on one fixed batch, after two
/// untimed passes; bench/pytorch_profile.py times its layers the same way.
/// </summary>
internal static class LayerTimer
{
    public static IReadOnlyDictionary<string, double> Time(nn.Module<Tensor, Tensor> model, Tensor batch, int passes)
    {
        var layers = model.named_children().Select(c => (c.name, Module: (nn.Module<Tensor, Tensor>)c.module)).ToList();
        var ticks = new long[layers.Count];
        for (var pass = -2; pass < passes; pass++)
        {
            using var scope = NewDisposeScope();
            var x = batch;
            for (var i = 0; i < layers.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                if (layers[i].Module is TorchSharp.Modules.Linear && x.dim() > 2)
                {
                    x = x.flatten(1);
                }

                x = layers[i].Module.call(x);
                if (pass >= 0)
                {
                    ticks[i] += Stopwatch.GetTimestamp() - start;
                }
            }
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Count; i++)
        {
            result[layers[i].name] = passes == 0 ? 0 : ticks[i] * 1000.0 / Stopwatch.Frequency / passes;
        }

        return result;
    }
}
