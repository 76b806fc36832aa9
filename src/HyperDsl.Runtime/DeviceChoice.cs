namespace HyperDsl.Runtime;

/// <summary>Where a trial's tensors live, as the <c>device</c> setting says.</summary>
public enum DeviceChoice
{
    /// <summary>CUDA when <c>torch.cuda.is_available()</c>, otherwise the CPU.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>The first CUDA device; fails if there is none.</summary>
    Cuda,
}
