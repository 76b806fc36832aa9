using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>Calls a model whose weights may be bf16 or fp16 (mixed-precision training) on fp32 batches, and back.</summary>
internal static class ModelPrecision
{
    /// <summary>Runs <paramref name="model"/> on <paramref name="images"/> cast to its weights' type; the output is fp32.</summary>
    public static Tensor Call(nn.Module<Tensor, Tensor> model, Tensor images)
    {
        var type = WeightType(model);
        if (type is not (ScalarType.BFloat16 or ScalarType.Float16))
        {
            return model.call(images);
        }

        return model.call(images.to(type)).to(ScalarType.Float32);
    }

    /// <summary>A detached copy of <paramref name="tensor"/>, in fp32 when it is bf16 or fp16.</summary>
    public static Tensor FullPrecisionCopy(Tensor tensor) => tensor.dtype is ScalarType.BFloat16 or ScalarType.Float16
        ? tensor.detach().to(ScalarType.Float32)
        : tensor.detach().clone();

    private static ScalarType WeightType(nn.Module model)
    {
        foreach (var parameter in model.parameters())
        {
            return parameter.dtype;
        }

        return ScalarType.Float32;
    }
}
