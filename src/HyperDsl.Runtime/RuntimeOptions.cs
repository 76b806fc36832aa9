namespace HyperDsl.Runtime;

/// <summary>Process-wide settings applied by <see cref="TorchRuntime.Initialize"/>.</summary>
/// <param name="Device">Where tensors go.</param>
/// <param name="Threads">LibTorch's intra-op thread count; <see langword="null"/> keeps LibTorch's default (one per core).</param>
/// <param name="TuneMalloc">
/// On Linux, raise glibc's mmap and trim thresholds before LibTorch allocates, so large tensor
/// buffers are reused instead of returned to the OS on every step (about 25% more images/s
/// on a 2-core CPU). The environment variable <c>HYP_MALLOC_TUNING=0</c> turns it off too.
/// </param>
/// <param name="OpenMpWait">
/// How LibTorch's OpenMP threads wait (see <see cref="OpenMpWaitPolicy"/>); applied by the first
/// <see cref="TorchRuntime.Initialize"/> only, before LibTorch loads. The environment variable
/// <c>HYP_OMP_WAIT</c> wins over it, and a user's own <c>OMP_WAIT_POLICY</c> or
/// <c>GOMP_SPINCOUNT</c> over both.
/// </param>
public sealed record RuntimeOptions(DeviceChoice Device = DeviceChoice.Auto, int? Threads = null, bool TuneMalloc = true, OpenMpWaitPolicy OpenMpWait = OpenMpWaitPolicy.Auto)
{
    /// <summary>The defaults: device auto, LibTorch's thread count, malloc tuning on, OpenMP wait policy auto.</summary>
    public static RuntimeOptions Default { get; } = new();
}
