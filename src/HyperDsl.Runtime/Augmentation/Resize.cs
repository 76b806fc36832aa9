using HyperDsl.Runtime.Data;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Resizes every image of a batch to size x size.</summary>
internal sealed class Resize(int size) : IBatchTransform
{
    public Tensor Apply(Tensor images) => Resampling.Resize(images, size, size);
}
