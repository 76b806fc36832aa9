using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>Writes a model's weights in TorchSharp's format (what <c>Module.save</c> writes, and <c>Module.load</c> reads).</summary>
internal static class WeightsFile
{
    /// <summary>
    /// Saves <paramref name="model"/>'s parameters and buffers to <paramref name="path"/>. Unlike
    /// <c>Module.save</c> it accepts channels-last kernels (<see cref="MemoryLayout.AvoidPaddedLayouts"/>):
    /// TorchSharp writes only contiguous tensors, so those are written from contiguous copies.
    /// </summary>
    public static void Save(nn.Module model, string path)
    {
        using var scope = NewDisposeScope();
        var state = model.state_dict().ToDictionary(p => p.Key, p => p.Value.is_contiguous() ? p.Value : p.Value.contiguous(), StringComparer.Ordinal);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        nn.Module.save_state_dict(writer, state);
    }
}
