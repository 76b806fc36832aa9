using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>How many images each forward pass of an evaluation (validation, test) takes.</summary>
internal static class EvaluationBatch
{
    /// <summary>
    /// <paramref name="requested"/> on a GPU; on the CPU no more than <paramref name="trainingBatch"/>. There a
    /// larger batch makes activations beyond glibc's largest mmap threshold (32 MiB), which are mapped afresh and
    /// faulted in on every call: the reference CNN evaluated 1,000 images in 2.1-2.4 s of CPU in one batch
    /// and in 0.27 s in batches of 125-250 (bench/README.md, "Where a step's time goes"), while the training
    /// batch's tensors fit, and their memory is already in the heap when evaluation comes.
    /// </summary>
    public static int Size(int requested, int trainingBatch, Device device) =>
        device.type == DeviceType.CPU ? Math.Min(requested, trainingBatch) : requested;
}
