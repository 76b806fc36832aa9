using HyperDsl.Runtime.Data;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Resizes every image of a batch to size x size (bilinear at pixel centres); a mask is sampled at
/// the same pixel centres with nearest neighbours, so each output pixel takes the class of the input
/// pixel nearest to where its image value was read.
/// </summary>
internal sealed class Resize(int size) : IMaskTransform
{
    public Tensor Apply(Tensor images) => Resampling.Resize(images, size, size);

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex) =>
        (Apply(images), Resampling.ResizeMasks(masks, size, size));
}
