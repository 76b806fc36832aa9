using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests;

/// <summary>Exact and approximate tensor comparisons with readable failures.</summary>
internal static class TensorAssert
{
    public static bool AreIdentical(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            return false;
        }

        using var same = a.eq(b).all();
        return same.item<bool>();
    }

    public static void Identical(Tensor expected, Tensor actual) =>
        Assert.True(AreIdentical(expected, actual), $"Tensors differ: shapes [{string.Join(", ", expected.shape)}] and [{string.Join(", ", actual.shape)}].");

    public static void Close(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var difference = expected.sub(actual).abs().max();
        var largest = difference.item<float>();
        Assert.True(largest <= tolerance, $"Tensors differ by up to {largest}, more than {tolerance}.");
    }
}
