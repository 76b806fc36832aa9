using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// Seeded synthetic images that a network can learn: each class has a random prototype, and
/// each image mixes its class's prototype with noise. The same seed gives the same data.
/// </summary>
public static class SyntheticData
{
    /// <summary>Creates <paramref name="count"/> images of <paramref name="shape"/> (channels, height, width) in <paramref name="classes"/> balanced classes.</summary>
    public static ImageDataset Create(int count, IReadOnlyList<int> shape, int classes, long seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (shape.Count != 3 || shape.Any(s => s < 1))
        {
            throw new ArgumentException("The shape must be [channels, height, width] with positive sizes.", nameof(shape));
        }

        TorchRuntime.EnsureInitialized();
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed, CPU);
        var prototypes = rand([classes, shape[0], shape[1], shape[2]], generator: generator);
        using var countScalar = count.ToScalar();
        using var classCount = classes.ToScalar();
        var labels = arange(Zero, countScalar, One, dtype: ScalarType.Int64).remainder_(classCount);
        labels = labels.index_select(0, randperm(count, generator: generator));
        var noise = rand([count, shape[0], shape[1], shape[2]], generator: generator);
        var images = prototypes.index_select(0, labels).mul_(Real(0.6f)).add_(noise.mul_(Real(0.4f)), One);
        return new ImageDataset(images, labels, classes) { Source = $"synthetic images (seed {seed})" };
    }
}
