using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>Scales the height and width by a whole factor, as PyTorch's <c>nn.Upsample(scale_factor=s)</c>; no parameters.</summary>
internal sealed class UpsampleLayer(string name, long scale, UpsamplingMode mode) : nn.Module<Tensor, Tensor>(name)
{
    public override Tensor forward(Tensor input) => Resize(input, [input.shape[2] * scale, input.shape[3] * scale], mode);

    /// <summary>The map resized to <paramref name="size"/> (height, width); bilinear without aligned corners, as PyTorch's default.</summary>
    public static Tensor Resize(Tensor input, long[] size, UpsamplingMode mode) => mode == UpsamplingMode.Bilinear
        ? nn.functional.interpolate(input, size: size, mode: InterpolationMode.Bilinear, align_corners: false)
        : nn.functional.interpolate(input, size: size, mode: InterpolationMode.Nearest);
}
