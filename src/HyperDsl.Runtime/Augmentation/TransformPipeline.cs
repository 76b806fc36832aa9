using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Applies several deterministic transforms in order.</summary>
internal sealed class TransformPipeline(IReadOnlyList<IBatchTransform> steps) : IBatchTransform
{
    public Tensor Apply(Tensor images)
    {
        using var scope = NewDisposeScope();
        var current = images;
        foreach (var step in steps)
        {
            current = step.Apply(current);
        }

        return (ReferenceEquals(current, images) ? images.clone() : current).MoveToOuterDisposeScope();
    }
}
