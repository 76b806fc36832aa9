using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Tests;

/// <summary>Issue 20: no runtime code hands LibTorch a Scalar that a garbage collection could free during the call.</summary>
public sealed class ImplicitScalarTests
{
    [Fact]
    public void The_runtime_passes_no_unheld_scalar_to_TorchSharp()
    {
        var found = ImplicitScalarScan.Find(typeof(Trainer).Assembly);

        Assert.True(found.Count == 0, $"{found.Count} unheld Scalar(s):\n{string.Join("\n", found)}");
    }
}
