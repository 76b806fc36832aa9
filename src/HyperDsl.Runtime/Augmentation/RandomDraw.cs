using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>Per-image random numbers, drawn on the CPU generator and moved to the batch's device.</summary>
internal static class RandomDraw
{
    /// <summary>B values uniform in [low, high).</summary>
    public static Tensor Uniform(long count, double low, double high, Generator generator, Device device) =>
        rand([count], ScalarType.Float32, generator: generator).mul_(high - low).add_(low).to(device);

    /// <summary>B booleans, each true with probability p, shaped B x 1 x 1 x 1 to broadcast over images.</summary>
    public static Tensor Chosen(long count, double p, Generator generator, Device device) =>
        rand([count], ScalarType.Float32, generator: generator).lt(p).view(count, 1, 1, 1).to(device);

    /// <summary>B whole numbers uniform in [low, high], inclusive.</summary>
    public static Tensor Integers(long count, long low, long high, Generator generator, Device device) =>
        randint(low, high + 1, [count], ScalarType.Float32, generator: generator).to(device);
}
