using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// Forward FLOPs per sample of a built model, counted as the checker counts them (<c>model.flops</c>):
/// two per multiply-add of every convolution and linear layer, biases, normalisation,
/// activations and pooling free. The shapes come from one forward pass of two zero images.
/// </summary>
public static class ModelFlops
{
    /// <summary>Counts <paramref name="model"/>'s FLOPs for one input of <paramref name="inputShape"/> (channels, height, width).</summary>
    public static long Count(nn.Module<Tensor, Tensor> model, IReadOnlyList<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        TorchRuntime.EnsureInitialized();
        var flops = 0L;
        var removers = new List<Action>();
        foreach (var (_, module) in model.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    var convHook = conv.register_forward_hook((m, input, output) =>
                    {
                        // Per output element: (in / groups) · kh · kw multiply-adds, which is the weight's size per output channel.
                        var weight = conv.weight!.shape;
                        flops += 2 * (output.numel() / output.shape[0]) * weight[1] * weight[2] * weight[3];
                        return output;
                    });
                    removers.Add(convHook.remove);
                    break;
                case StridedPointwiseConv pointwise:
                    var pointwiseHook = pointwise.register_forward_hook((m, input, output) =>
                    {
                        flops += 2 * (output.numel() / output.shape[0]) * pointwise.Weight.shape[1];
                        return output;
                    });
                    removers.Add(pointwiseHook.remove);
                    break;
                case Linear linear:
                    var linearHook = linear.register_forward_hook((m, input, output) =>
                    {
                        flops += 2 * linear.weight!.numel();
                        return output;
                    });
                    removers.Add(linearHook.remove);
                    break;
            }
        }

        var training = model.training;
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.eval();
            // Two images, not one (the hooks count per image): LibTorch convolves a single small image
            // without gradients on a path that first asks for NNPACK, which logs "Could not
            // initialize NNPACK!" to stderr on every machine without it (each trial measures its model).
            model.call(zeros([2, .. inputShape], device: model.parameters().FirstOrDefault()?.device ?? CPU));
        }
        finally
        {
            model.train(training);
            foreach (var remove in removers)
            {
                remove();
            }
        }

        return flops;
    }
}
